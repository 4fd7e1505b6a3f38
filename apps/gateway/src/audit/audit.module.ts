import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';

import { AuditController } from './audit.controller';
import { AuditRepository } from './audit.repository';
import { AuditTrail } from './audit-trail';
import { ContactReadInterceptor } from './contact-read.interceptor';

@Module({
  controllers: [AuditController],
  providers: [
    AuditRepository,
    AuditTrail,
    { provide: APP_INTERCEPTOR, useClass: ContactReadInterceptor },
  ],
  exports: [AuditTrail],
})
export class AuditModule {}
