import { Module } from '@nestjs/common';

import { companyCalendarProvider } from '../calendar/company-calendar.provider';
import { ComplaintsModule } from '../complaints/complaints.module';
import { CustomersModule } from '../customers/customers.module';
import { RevisitsModule } from '../revisits/revisits.module';
import { TasksController } from './tasks.controller';
import { TasksService } from './tasks.service';

@Module({
  imports: [CustomersModule, ComplaintsModule, RevisitsModule],
  controllers: [TasksController],
  providers: [TasksService, companyCalendarProvider],
})
export class TasksModule {}
