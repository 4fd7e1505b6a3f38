import { Module } from '@nestjs/common';

import { companyCalendarProvider } from '../calendar/company-calendar.provider';
import { CertificatesModule } from '../certificates/certificates.module';
import { CoursesModule } from '../courses/courses.module';
import { RosterModule } from '../roster/roster.module';
import { AssessmentsController } from './assessments.controller';
import { AssessmentsRepository } from './assessments.repository';
import { AssessmentsService } from './assessments.service';

@Module({
  imports: [CoursesModule, RosterModule, CertificatesModule],
  controllers: [AssessmentsController],
  providers: [AssessmentsService, AssessmentsRepository, companyCalendarProvider],
  exports: [AssessmentsRepository],
})
export class AssessmentsModule {}
