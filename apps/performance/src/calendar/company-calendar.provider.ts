import type { Provider } from '@nestjs/common';

import { calendarEnvSchema, CompanyCalendar } from '@salesops/calendar';

/** The company calendar from COMPANY_TIME_ZONE and COMPANY_HOLIDAYS (default Asia/Shanghai). */
export const companyCalendarProvider: Provider = {
  provide: CompanyCalendar,
  useFactory: () => calendarEnvSchema.parse(process.env),
};
