import { Module } from '@nestjs/common';

import { AssessmentsModule } from '../assessments/assessments.module';
import { CertificatesModule } from '../certificates/certificates.module';
import { CoursesModule } from '../courses/courses.module';
import { RosterModule } from '../roster/roster.module';
import { SessionsModule } from '../sessions/sessions.module';
import { RecordsController } from './records.controller';
import { RecordsService } from './records.service';

@Module({
  imports: [RosterModule, CoursesModule, SessionsModule, AssessmentsModule, CertificatesModule],
  controllers: [RecordsController],
  providers: [RecordsService],
})
export class RecordsModule {}
