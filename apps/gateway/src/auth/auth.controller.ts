import { Controller, Get, Inject, Post, Req } from '@nestjs/common';
import type { z } from 'zod';

import { ApiRoute, ValidBody } from '../http/api-route.decorator';
import { Origin, type RequestOrigin } from '../http/call-context.decorator';
import {
  loginRequestSchema,
  loginResultSchema,
  meSchema,
  mfaCodeRequestSchema,
  mfaEnrolmentSchema,
  mfaRequestSchema,
  mfaSetupRequestSchema,
  mfaTokenRequestSchema,
  refreshRequestSchema,
  tokenPairSchema,
} from './auth.schemas';
import type { AuthenticatedRequest } from './access.guard';
import { AuthService } from './auth.service';

@Controller('auth')
export class AuthController {
  constructor(@Inject(AuthService) private readonly auth: AuthService) {}

  @Post('login')
  @ApiRoute({
    summary: 'Log in with username and password',
    tag: 'auth',
    public: true,
    signIn: true,
    body: loginRequestSchema,
    response: loginResultSchema,
  })
  login(
    @ValidBody() credentials: z.output<typeof loginRequestSchema>,
    @Origin() origin: RequestOrigin,
  ) {
    return this.auth.login(credentials, origin);
  }

  @Post('mfa')
  @ApiRoute({
    summary: 'Complete a login with the one-time code of the authenticator app',
    tag: 'auth',
    public: true,
    signIn: true,
    body: mfaRequestSchema,
    response: tokenPairSchema,
  })
  completeMfa(
    @ValidBody() body: z.output<typeof mfaRequestSchema>,
    @Origin() origin: RequestOrigin,
  ) {
    return this.auth.completeMfa(body, origin);
  }

  @Post('mfa/enrolment')
  @ApiRoute({
    summary:
      'For a role that must use MFA, at its first login: the secret to add to an authenticator app',
    tag: 'auth',
    public: true,
    signIn: true,
    body: mfaTokenRequestSchema,
    response: mfaEnrolmentSchema,
  })
  startRequiredEnrolment(@ValidBody() body: z.output<typeof mfaTokenRequestSchema>) {
    return this.auth.startRequiredEnrolment(body.mfaToken);
  }

  @Post('mfa/setup')
  @ApiRoute({
    summary:
      'Start using MFA, or change device (then with the password and a current code): the secret to add to an authenticator app',
    tag: 'auth',
    permission: 'session',
    body: mfaSetupRequestSchema,
    response: mfaEnrolmentSchema,
  })
  startEnrolment(
    @Req() request: AuthenticatedRequest,
    @ValidBody() proof: z.output<typeof mfaSetupRequestSchema>,
    @Origin() origin: RequestOrigin,
  ) {
    return this.auth.startEnrolment(request.user, proof, origin);
  }

  @Post('mfa/enable')
  @ApiRoute({
    summary: 'Confirm the new secret with a code from it; later logins ask for a code',
    tag: 'auth',
    status: 204,
    permission: 'session',
    body: mfaCodeRequestSchema,
  })
  async enableMfa(
    @Req() request: AuthenticatedRequest,
    @ValidBody() body: z.output<typeof mfaCodeRequestSchema>,
  ): Promise<void> {
    await this.auth.confirmEnrolment(request.user, body.code, request.id);
  }

  @Post('mfa/disable')
  @ApiRoute({
    summary: 'Stop using MFA (refused for the roles that must use it)',
    tag: 'auth',
    status: 204,
    permission: 'session',
    body: mfaCodeRequestSchema,
  })
  async disableMfa(
    @Req() request: AuthenticatedRequest,
    @ValidBody() body: z.output<typeof mfaCodeRequestSchema>,
    @Origin() origin: RequestOrigin,
  ): Promise<void> {
    await this.auth.disableMfa(request.user, body.code, origin);
  }

  @Post('refresh')
  @ApiRoute({
    summary: 'Exchange a refresh token for a new pair (each refresh token works once)',
    tag: 'auth',
    public: true,
    body: refreshRequestSchema,
    response: tokenPairSchema,
  })
  refresh(
    @ValidBody() body: z.output<typeof refreshRequestSchema>,
    @Origin() origin: RequestOrigin,
  ) {
    return this.auth.refresh(body.refreshToken, origin.requestId);
  }

  @Post('logout')
  @ApiRoute({
    summary: 'End the current session',
    tag: 'auth',
    status: 204,
    permission: 'session',
  })
  async logout(@Req() request: AuthenticatedRequest): Promise<void> {
    await this.auth.logout(request.sessionId, request.user, request.id);
  }

  @Get('me')
  @ApiRoute({
    summary: 'The caller: user, member, roles, permissions and scope',
    tag: 'auth',
    permission: 'authenticated',
    response: meSchema,
  })
  me(@Req() request: AuthenticatedRequest) {
    return this.auth.me(request.user);
  }
}
