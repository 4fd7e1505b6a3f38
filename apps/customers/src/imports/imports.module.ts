import { type DynamicModule, Module } from '@nestjs/common';

import { CustomersModule } from '../customers/customers.module';
import { ImportWorker, IMPORT_POLL_MS } from './import.worker';
import { ImportsController } from './imports.controller';
import { ImportsRepository } from './imports.repository';
import { ImportsService } from './imports.service';

@Module({})
export class ImportsModule {
  /** `pollMs`: how often rows left by a restart or another instance are looked for. */
  static every(pollMs: number): DynamicModule {
    return {
      module: ImportsModule,
      imports: [CustomersModule],
      controllers: [ImportsController],
      providers: [
        ImportsService,
        ImportsRepository,
        ImportWorker,
        { provide: IMPORT_POLL_MS, useValue: pollMs },
      ],
    };
  }
}
