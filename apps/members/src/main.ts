import 'reflect-metadata';

import { runService } from '@salesops/service-runtime';

import { MembersAppModule } from './members-app.module';

void runService('members', () => MembersAppModule);
