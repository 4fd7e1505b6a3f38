import { Module } from '@nestjs/common';

import { AuditController } from './audit.controller';
import { AuditRepository } from './audit.repository';
import { AuditTrail } from './audit-trail';
import { ContactReadInterceptor } from './contact-read.interceptor';

@Module({
  controllers: [AuditController],
  providers: [AuditRepository, AuditTrail, ContactReadInterceptor],
  exports: [AuditTrail, ContactReadInterceptor],
})
export class AuditModule {}
