import { Module } from '@nestjs/common';

import { companyCalendarProvider } from '../calendar/company-calendar.provider';
import { CareRemindersModule } from '../care-reminders/care-reminders.module';
import { CustomersModule } from '../customers/customers.module';
import { PoolModule } from '../pool/pool.module';
import { VisitsModule } from '../visits/visits.module';
import { TasksController } from './tasks.controller';
import { TasksService } from './tasks.service';

@Module({
  imports: [CustomersModule, PoolModule, VisitsModule, CareRemindersModule],
  controllers: [TasksController],
  providers: [TasksService, companyCalendarProvider],
})
export class TasksModule {}
