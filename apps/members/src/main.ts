import 'reflect-metadata';

import { loadConfig, loadConfigOrExit, runService } from '@salesops/service-runtime';

import { MembersAppModule } from './members-app.module';
import { membersEnvSchema } from './members-config';

const settings = loadConfigOrExit('members', () => loadConfig(membersEnvSchema));
// It undoes departures cut short by calling customers and orders in its own name.
void runService('members', () => MembersAppModule.with(settings), { background: true });
