import { Module } from '@nestjs/common';

import { Clock, clockFromEnv } from '@salesops/calendar';

import { companyCalendarProvider } from '../calendar/company-calendar.provider';
import { CustomersModule } from '../customers/customers.module';
import { OrganisationModule } from '../organisation/organisation.module';
import { ComplaintTasks } from './complaint-tasks';
import { ComplaintsController } from './complaints.controller';
import { ComplaintsRepository } from './complaints.repository';
import { ComplaintsService } from './complaints.service';

@Module({
  imports: [CustomersModule, OrganisationModule],
  controllers: [ComplaintsController],
  providers: [
    ComplaintsService,
    ComplaintsRepository,
    ComplaintTasks,
    companyCalendarProvider,
    { provide: Clock, useFactory: () => clockFromEnv() },
  ],
  exports: [ComplaintsService, ComplaintTasks],
})
export class ComplaintsModule {}
