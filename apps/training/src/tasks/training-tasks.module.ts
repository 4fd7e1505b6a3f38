import { Module } from '@nestjs/common';

import { AssessmentsModule } from '../assessments/assessments.module';
import { SessionsModule } from '../sessions/sessions.module';
import { TrainingTasksController } from './training-tasks.controller';
import { TrainingTasksService } from './training-tasks.service';

@Module({
  imports: [SessionsModule, AssessmentsModule],
  controllers: [TrainingTasksController],
  providers: [TrainingTasksService],
})
export class TrainingTasksModule {}
