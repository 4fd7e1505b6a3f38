import { Module } from '@nestjs/common';

import { OutboxRelayHost, RetentionHost } from '@salesops/messaging';

import { AssessmentsModule } from './assessments/assessments.module';
import { CertificatesModule } from './certificates/certificates.module';
import { CoursesModule } from './courses/courses.module';
import { DatabaseModule } from './database/database.module';
import { OnboardingModule } from './onboarding/onboarding.module';
import { PlansModule } from './plans/plans.module';
import { RecordsModule } from './records/records.module';
import { RemedialModule } from './remedial/remedial.module';
import { SessionsModule } from './sessions/sessions.module';
import { TrainingTasksModule } from './tasks/training-tasks.module';

/** The training service: one module per feature folder. */
@Module({
  imports: [
    DatabaseModule,
    CoursesModule,
    AssessmentsModule,
    SessionsModule,
    PlansModule,
    CertificatesModule,
    RecordsModule,
    OnboardingModule,
    RemedialModule,
    TrainingTasksModule,
  ],
  providers: [OutboxRelayHost, RetentionHost],
})
export class TrainingAppModule {}
