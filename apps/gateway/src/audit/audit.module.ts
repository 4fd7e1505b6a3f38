import { Module } from '@nestjs/common';

import { AuditController } from './audit.controller';
import { AuditRepository } from './audit.repository';
import { AuditTrail } from './audit-trail';
import { ContactReads } from './contact-reads';

@Module({
  controllers: [AuditController],
  providers: [AuditRepository, AuditTrail, ContactReads],
  exports: [AuditTrail, ContactReads],
})
export class AuditModule {}
