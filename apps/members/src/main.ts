import 'reflect-metadata';

import { contactKeysEnvSchema } from '@salesops/persistence';
import { loadConfig, loadConfigOrExit, runService } from '@salesops/service-runtime';

import { MembersAppModule } from './members-app.module';

const cipher = loadConfigOrExit('members', () => loadConfig(contactKeysEnvSchema));
void runService('members', () => MembersAppModule.withCipher(cipher));
