import { Module } from '@nestjs/common';

import { companyCalendarProvider } from '../calendar/company-calendar.provider';
import { CustomersModule } from '../customers/customers.module';
import { TasksController } from './tasks.controller';
import { TasksService } from './tasks.service';

@Module({
  imports: [CustomersModule],
  controllers: [TasksController],
  providers: [TasksService, companyCalendarProvider],
})
export class TasksModule {}
