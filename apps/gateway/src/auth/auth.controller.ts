import { Controller, Get, HttpCode, Inject, Post, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';

import { DomainError } from '@salesops/rpc';

import { ApiRoute, ValidBody } from '../http/api-route.decorator';
import {
  loginRequestSchema,
  meSchema,
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
    body: loginRequestSchema,
    response: tokenPairSchema,
  })
  login(
    @ValidBody() credentials: z.output<typeof loginRequestSchema>,
    @Req() request: FastifyRequest,
  ) {
    return this.auth.login(credentials, request.ip);
  }

  @Post('refresh')
  @ApiRoute({
    summary: 'Exchange a refresh token for a new pair (each refresh token works once)',
    tag: 'auth',
    public: true,
    body: refreshRequestSchema,
    response: tokenPairSchema,
  })
  refresh(@ValidBody() body: z.output<typeof refreshRequestSchema>) {
    return this.auth.refresh(body.refreshToken);
  }

  @Post('logout')
  @HttpCode(204)
  @ApiRoute({
    summary: 'End the current session',
    tag: 'auth',
    status: 204,
    permission: 'authenticated',
  })
  async logout(@Req() request: AuthenticatedRequest): Promise<void> {
    if (!request.sessionId) throw new DomainError('FORBIDDEN', 'An API key has no session to end');
    await this.auth.logout(request.sessionId);
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
