import { Module } from '@nestjs/common';

import { Clock, clockFromEnv } from '@salesops/calendar';

import { companyCalendarProvider } from '../calendar/company-calendar.provider';
import { CustomersModule } from '../customers/customers.module';
import { OrganisationModule } from '../organisation/organisation.module';
import { RevisitDeliveredConsumer } from './revisit-delivered.consumer';
import { RevisitTasks } from './revisit-tasks';
import { RevisitsController } from './revisits.controller';
import { RevisitsRepository } from './revisits.repository';
import { RevisitsService } from './revisits.service';

@Module({
  imports: [CustomersModule, OrganisationModule],
  controllers: [RevisitsController],
  providers: [
    RevisitsService,
    RevisitsRepository,
    RevisitTasks,
    RevisitDeliveredConsumer,
    companyCalendarProvider,
    { provide: Clock, useFactory: () => clockFromEnv() },
  ],
  exports: [RevisitTasks],
})
export class RevisitsModule {}
