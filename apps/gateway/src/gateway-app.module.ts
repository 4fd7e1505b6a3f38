import { Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';

import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { DatabaseModule } from './database/database.module';
import { HealthController } from './health/health.controller';
import { ProblemFilter } from './http/problem.filter';
import { RequestContextInterceptor } from './http/request-context.interceptor';
import { MembersController } from './members/members.controller';
import { TeamsController } from './teams/teams.controller';

@Module({
  imports: [DatabaseModule, AuthModule, AuditModule],
  controllers: [HealthController, TeamsController, MembersController],
  providers: [
    { provide: APP_FILTER, useClass: ProblemFilter },
    { provide: APP_INTERCEPTOR, useClass: RequestContextInterceptor },
  ],
})
export class GatewayAppModule {}
