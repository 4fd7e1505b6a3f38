import 'reflect-metadata';

import { z } from 'zod';

import { contactKeysEnvSchema } from '@salesops/persistence';
import { loadConfig, loadConfigOrExit, runService } from '@salesops/service-runtime';

import { MembersAppModule } from './members-app.module';

const membersEnvSchema = z
  .object({ PROMOTION_SWEEP_MS: z.coerce.number().int().min(100).default(5000) })
  .and(contactKeysEnvSchema.transform((cipher) => ({ cipher })))
  .transform((env) => ({ cipher: env.cipher, sweepIntervalMs: env.PROMOTION_SWEEP_MS }));

const settings = loadConfigOrExit('members', () => loadConfig(membersEnvSchema));
// It undoes departures cut short by calling customers and orders in its own name.
void runService('members', () => MembersAppModule.with(settings), { background: true });
