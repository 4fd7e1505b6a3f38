import { type DynamicModule, Global, Module } from '@nestjs/common';

import { Clock, clockFromEnv, CompanyCalendar } from '@salesops/calendar';

import { companyCalendarProvider } from '../calendar/company-calendar.provider';
import { DueItemRetriesRepository } from './due-item-retries.repository';
import { DUE_SWEEP_INTERVAL_MS, DueSweeps } from './due-sweeps';

/** The sweeps of due items, the clock they are judged by, and the company calendar. */
@Global()
@Module({})
export class DueSweepsModule {
  /** `intervalMs`: how often each kind looks for items that fell due. */
  static every(intervalMs: number): DynamicModule {
    return {
      module: DueSweepsModule,
      providers: [
        DueSweeps,
        DueItemRetriesRepository,
        companyCalendarProvider,
        { provide: Clock, useFactory: () => clockFromEnv() },
        { provide: DUE_SWEEP_INTERVAL_MS, useValue: intervalMs },
      ],
      exports: [DueSweeps, Clock, CompanyCalendar],
    };
  }
}
