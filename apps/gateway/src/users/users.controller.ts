import { Controller, Get, Inject, Patch, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';

import { pageOf } from '@salesops/rpc';

import type { AuthenticatedRequest } from '../auth/access.guard';
import { ApiRoute, ValidBody, ValidParams, ValidQuery } from '../http/api-route.decorator';
import { idParams } from '../http/id-params';
import {
  createUserSchema,
  listUsersQuerySchema,
  updateUserSchema,
  userSchema,
  userWithTokenSchema,
} from './user.schemas';
import { UsersService } from './users.service';

@Controller('users')
export class UsersController {
  constructor(@Inject(UsersService) private readonly users: UsersService) {}

  @Post()
  @ApiRoute({
    summary:
      "Make a member's user: its role is the member's position; the activation token is in this answer only (72 h)",
    tag: 'users',
    status: 201,
    permission: 'users:manage',
    body: createUserSchema,
    response: userWithTokenSchema,
  })
  async create(
    @ValidBody() input: z.output<typeof createUserSchema>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const created = await this.users.create(input, request.user, request.id);
    void reply.header('location', `/api/v1/users/${created.id}`);
    return created;
  }

  @Get()
  @ApiRoute({
    summary: 'List users (never a password, a token or a hash)',
    tag: 'users',
    permission: 'users:manage',
    query: listUsersQuerySchema,
    response: pageOf(userSchema),
  })
  list(
    @ValidQuery() query: z.output<typeof listUsersQuerySchema>,
    @Req() request: AuthenticatedRequest,
  ) {
    return this.users.list(query, request.user);
  }

  @Get(':id')
  @ApiRoute({
    summary: 'Get a user',
    tag: 'users',
    permission: 'users:manage',
    params: idParams,
    response: userSchema,
  })
  get(@ValidParams() params: z.output<typeof idParams>, @Req() request: AuthenticatedRequest) {
    return this.users.get(params.id, request.user);
  }

  @Patch(':id')
  @ApiRoute({
    summary:
      "Grant roles beyond the position's (trainer, finance, hr, admin): an administrator, never to themself",
    tag: 'users',
    permission: 'users:manage',
    params: idParams,
    body: updateUserSchema,
    response: userSchema,
  })
  update(
    @ValidParams() params: z.output<typeof idParams>,
    @ValidBody() input: z.output<typeof updateUserSchema>,
    @Req() request: AuthenticatedRequest,
  ) {
    return this.users.setGrants(params.id, input.grants, request.user, request.id);
  }

  @Post(':id/disable')
  @ApiRoute({
    summary: 'Disable a user for good: their sessions end',
    tag: 'users',
    permission: 'users:manage',
    params: idParams,
    response: userSchema,
  })
  disable(@ValidParams() params: z.output<typeof idParams>, @Req() request: AuthenticatedRequest) {
    return this.users.disable(params.id, request.user, request.id);
  }

  @Post(':id/reset')
  @ApiRoute({
    summary:
      'A new activation token (in this answer only, 72 h); the password and every session end',
    tag: 'users',
    permission: 'users:manage',
    params: idParams,
    response: userWithTokenSchema,
  })
  reset(@ValidParams() params: z.output<typeof idParams>, @Req() request: AuthenticatedRequest) {
    return this.users.reset(params.id, request.user, request.id);
  }
}
