import { Module } from '@nestjs/common';

import { Clock, clockFromEnv } from '@salesops/calendar';

import { companyCalendarProvider } from '../calendar/company-calendar.provider';
import { ComplaintsModule } from '../complaints/complaints.module';
import { RevisitsModule } from '../revisits/revisits.module';
import { CareRemindersModule } from '../care-reminders/care-reminders.module';
import { CustomersModule } from '../customers/customers.module';
import { PoolModule } from '../pool/pool.module';
import { VisitsModule } from '../visits/visits.module';
import { TasksController } from './tasks.controller';
import { TasksService } from './tasks.service';

@Module({
  imports: [
    CustomersModule,
    ComplaintsModule,
    RevisitsModule,
    PoolModule,
    VisitsModule,
    CareRemindersModule,
  ],
  controllers: [TasksController],
  providers: [
    TasksService,
    companyCalendarProvider,
    { provide: Clock, useFactory: () => clockFromEnv() },
  ],
})
export class TasksModule {}
