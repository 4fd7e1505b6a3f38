import { Module } from '@nestjs/common';

import { Clock, clockFromEnv } from '@salesops/calendar';

import { companyCalendarProvider } from '../calendar/company-calendar.provider';
import { ComplaintsModule } from '../complaints/complaints.module';
import { CustomersModule } from '../customers/customers.module';
import { RevisitsModule } from '../revisits/revisits.module';
import { TasksController } from './tasks.controller';
import { TasksService } from './tasks.service';

@Module({
  imports: [CustomersModule, ComplaintsModule, RevisitsModule],
  controllers: [TasksController],
  providers: [
    TasksService,
    companyCalendarProvider,
    { provide: Clock, useFactory: () => clockFromEnv() },
  ],
})
export class TasksModule {}
