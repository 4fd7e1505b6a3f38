import { Controller, Delete, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';

import { pageOf } from '@salesops/rpc';

import type { AuthenticatedRequest } from '../auth/access.guard';
import { ApiRoute, ValidBody, ValidParams } from '../http/api-route.decorator';
import { idParams } from '../http/id-params';
import { apiKeySchema, createApiKeySchema, createdApiKeySchema } from './api-key.schemas';
import { ApiKeysService } from './api-keys.service';

@Controller('api-keys')
export class ApiKeysController {
  constructor(@Inject(ApiKeysService) private readonly keys: ApiKeysService) {}

  @Post()
  @ApiRoute({
    summary: 'Create an API key; the key is in this answer only',
    tag: 'api-keys',
    status: 201,
    permission: 'api-keys:manage',
    body: createApiKeySchema,
    response: createdApiKeySchema,
  })
  async create(
    @ValidBody() input: z.output<typeof createApiKeySchema>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const created = await this.keys.create(input, request.user.caller.id, request.id);
    void reply.header('location', `/api/v1/api-keys/${created.id}`);
    return created;
  }

  @Get()
  @ApiRoute({
    summary: 'List API keys (never the keys themselves)',
    tag: 'api-keys',
    permission: 'api-keys:manage',
    response: pageOf(apiKeySchema),
  })
  async list() {
    return { items: await this.keys.list(), nextCursor: null };
  }

  @Get(':id')
  @ApiRoute({
    summary: 'One API key (never the key itself)',
    tag: 'api-keys',
    permission: 'api-keys:manage',
    params: idParams,
    response: apiKeySchema,
  })
  get(@ValidParams() params: z.output<typeof idParams>) {
    return this.keys.get(params.id);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiRoute({
    summary: 'Revoke an API key',
    tag: 'api-keys',
    status: 204,
    permission: 'api-keys:manage',
    params: idParams,
  })
  async revoke(
    @ValidParams() params: z.output<typeof idParams>,
    @Req() request: AuthenticatedRequest,
  ): Promise<void> {
    await this.keys.revoke(params.id, request.user.caller.id, request.id);
  }
}
