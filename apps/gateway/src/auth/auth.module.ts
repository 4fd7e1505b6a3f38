import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';

import { Clock, clockFromEnv } from '@salesops/calendar';
import { PassportModule } from '@nestjs/passport';

import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { AuditModule } from '../audit/audit.module';
import { ApiKeysController } from '../api-keys/api-keys.controller';
import { ApiKeysRepository } from '../api-keys/api-keys.repository';
import { ApiKeysService } from '../api-keys/api-keys.service';
import { AccessGuard } from './access.guard';
import { IdentityResolver } from './identity.resolver';
import { JwtStrategy } from './jwt.strategy';
import { LoginAttemptsRepository } from './login-attempts.repository';
import { MemberStatusConsumer } from './member-status.consumer';
import { MfaService } from './mfa.service';
import { MemberStandingInterceptor } from './member-standing.interceptor';
import { MemberStandingRepository } from './member-standing.repository';
import { MemberStanding } from './member-standing.service';
import { SessionsRepository } from './sessions.repository';
import { SessionsService } from './sessions.service';
import { SignInAttempts } from './sign-in-attempts';
import { TypedNames } from './typed-names';
import { UsernameLimiter } from './username-limiter';
import { TokenService } from './token.service';
import { UsersRepository } from './users.repository';
import { VerifiedTokenCache } from './verified-token.cache';

@Module({
  imports: [PassportModule, AuditModule],
  controllers: [AuthController, ApiKeysController],
  providers: [
    AuthService,
    TokenService,
    JwtStrategy,
    UsersRepository,
    SessionsRepository,
    SessionsService,
    LoginAttemptsRepository,
    MemberStatusConsumer,
    MemberStandingRepository,
    MemberStanding,
    MemberStandingInterceptor,
    MfaService,
    VerifiedTokenCache,
    ApiKeysService,
    ApiKeysRepository,
    IdentityResolver,
    SignInAttempts,
    TypedNames,
    UsernameLimiter,
    // The system clock; outside production, TEST_CLOCK_FILE lets tests move it.
    { provide: Clock, useFactory: () => clockFromEnv() },
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [
    SessionsService,
    IdentityResolver,
    ApiKeysService,
    Clock,
    MemberStanding,
    MemberStandingInterceptor,
  ],
})
export class AuthModule {}
