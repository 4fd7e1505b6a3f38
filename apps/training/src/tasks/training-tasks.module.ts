import { Module } from '@nestjs/common';

import { Clock, clockFromEnv } from '@salesops/calendar';

import { AssessmentsModule } from '../assessments/assessments.module';
import { SessionsModule } from '../sessions/sessions.module';
import { TrainingTasksController } from './training-tasks.controller';
import { TrainingTasksService } from './training-tasks.service';

@Module({
  imports: [SessionsModule, AssessmentsModule],
  controllers: [TrainingTasksController],
  providers: [TrainingTasksService, { provide: Clock, useFactory: () => clockFromEnv() }],
})
export class TrainingTasksModule {}
