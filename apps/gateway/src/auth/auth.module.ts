import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';

import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { AccessGuard } from './access.guard';
import { IdentityResolver } from './identity.resolver';
import { JwtStrategy } from './jwt.strategy';
import { TokenService } from './token.service';
import { UsersRepository } from './users.repository';

@Module({
  imports: [PassportModule],
  controllers: [AuthController],
  providers: [
    AuthService,
    TokenService,
    JwtStrategy,
    UsersRepository,
    IdentityResolver,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
})
export class AuthModule {}
