import { Module } from '@nestjs/common';

import { companyCalendarProvider } from './company-calendar.provider';

/** One company calendar for every feature of members. */
@Module({ providers: [companyCalendarProvider], exports: [companyCalendarProvider] })
export class CalendarModule {}
