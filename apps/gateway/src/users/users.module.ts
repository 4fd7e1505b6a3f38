import { Module } from '@nestjs/common';

import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { ActivationController } from './activation.controller';
import { MemberFactsReader } from './member-facts';
import { UserAccountsRepository } from './user-accounts.repository';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  imports: [AuthModule, AuditModule],
  controllers: [UsersController, ActivationController],
  providers: [UsersService, UserAccountsRepository, MemberFactsReader],
})
export class UsersModule {}
