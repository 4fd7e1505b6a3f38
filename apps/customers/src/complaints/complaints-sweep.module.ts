import { type DynamicModule, Module } from '@nestjs/common';

import { ComplaintsModule } from './complaints.module';
import { COMPLAINT_SWEEP_INTERVAL_MS, ComplaintsSweeper } from './complaints.sweeper';

@Module({})
export class ComplaintsSweepModule {
  /** `intervalMs`: how often passed deadlines are looked for. */
  static every(intervalMs: number): DynamicModule {
    return {
      module: ComplaintsSweepModule,
      imports: [ComplaintsModule],
      providers: [
        ComplaintsSweeper,
        { provide: COMPLAINT_SWEEP_INTERVAL_MS, useValue: intervalMs },
      ],
    };
  }
}
