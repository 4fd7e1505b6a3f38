import { Module } from '@nestjs/common';

import { OutboxRelayHost, RetentionHost } from '@salesops/messaging';

import { DatabaseModule } from './database/database.module';
import { OnboardingCheckpointController } from './onboarding/onboarding-checkpoint.controller';
import { TrainingTasksController } from './tasks/training-tasks.controller';

/** The training service: its features arrive with their issues; the runtime and relay are in place. */
@Module({
  imports: [DatabaseModule],
  controllers: [OnboardingCheckpointController, TrainingTasksController],
  providers: [OutboxRelayHost, RetentionHost],
})
export class TrainingAppModule {}
