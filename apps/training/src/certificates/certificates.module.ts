import { Module } from '@nestjs/common';

import { CoursesModule } from '../courses/courses.module';
import { RosterModule } from '../roster/roster.module';
import { companyCalendarProvider } from '../calendar/company-calendar.provider';
import { CertificateIssuer } from './certificate-issuer';
import { CertificatesController } from './certificates.controller';
import { CertificatesRepository } from './certificates.repository';
import { CertificatesService } from './certificates.service';

@Module({
  imports: [CoursesModule, RosterModule],
  controllers: [CertificatesController],
  providers: [
    CertificatesService,
    CertificatesRepository,
    CertificateIssuer,
    companyCalendarProvider,
  ],
  exports: [CertificateIssuer, CertificatesRepository, CertificatesService],
})
export class CertificatesModule {}
