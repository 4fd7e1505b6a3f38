import { Controller, Delete, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';

import { pageOf } from '@salesops/rpc';

import type { AuthenticatedRequest } from '../auth/access.guard';
import { ApiRoute, ValidBody, ValidParams, ValidQuery } from '../http/api-route.decorator';
import { idParams } from '../http/id-params';
import {
  createdWebhookSchema,
  createWebhookSchema,
  deliveriesQuerySchema,
  deliveryParams,
  webhookDeliverySchema,
  webhookSchema,
} from './webhook.schemas';
import { WebhooksService } from './webhooks.service';

const tag = 'webhooks';

/** A department's webhooks: the caller's own (a user with `webhooks:manage`, or a key with it). */
@Controller('webhooks')
export class WebhooksController {
  constructor(@Inject(WebhooksService) private readonly webhooks: WebhooksService) {}

  @Post()
  @ApiRoute({
    summary:
      'Subscribe a URL to event types (wildcards like orders.*); the signing secret is in this answer only',
    tag,
    status: 201,
    permission: 'webhooks:manage',
    body: createWebhookSchema,
    response: createdWebhookSchema,
  })
  async create(
    @ValidBody() input: z.output<typeof createWebhookSchema>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const created = await this.webhooks.create(input, request.user, request.id);
    void reply.header('location', `/api/v1/webhooks/${created.id}`);
    return created;
  }

  @Get()
  @ApiRoute({
    summary: "List the caller's webhooks (never their secrets)",
    tag,
    permission: 'webhooks:manage',
    response: pageOf(webhookSchema),
  })
  async list(@Req() request: AuthenticatedRequest) {
    return { items: await this.webhooks.list(request.user), nextCursor: null };
  }

  @Get(':id')
  @ApiRoute({
    summary: "One of the caller's webhooks (never its secret)",
    tag,
    permission: 'webhooks:manage',
    params: idParams,
    response: webhookSchema,
  })
  get(@ValidParams() params: z.output<typeof idParams>, @Req() request: AuthenticatedRequest) {
    return this.webhooks.get(params.id, request.user);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiRoute({
    summary: 'Delete a webhook: its waiting deliveries are not sent',
    tag,
    status: 204,
    permission: 'webhooks:manage',
    params: idParams,
  })
  async remove(
    @ValidParams() params: z.output<typeof idParams>,
    @Req() request: AuthenticatedRequest,
  ): Promise<void> {
    await this.webhooks.remove(params.id, request.user);
  }

  @Post(':id/enable')
  @ApiRoute({
    summary: 'Enable a failing webhook again: its oldest waiting delivery is tried at once',
    tag,
    permission: 'webhooks:manage',
    params: idParams,
    response: webhookSchema,
  })
  enable(@ValidParams() params: z.output<typeof idParams>, @Req() request: AuthenticatedRequest) {
    return this.webhooks.enable(params.id, request.user);
  }

  @Get(':id/deliveries')
  @ApiRoute({
    summary: 'The delivery log: the newest deliveries, each with every attempt',
    tag,
    permission: 'webhooks:manage',
    params: idParams,
    query: deliveriesQuerySchema,
    response: pageOf(webhookDeliverySchema),
  })
  async deliveries(
    @ValidParams() params: z.output<typeof idParams>,
    @ValidQuery() query: z.output<typeof deliveriesQuerySchema>,
    @Req() request: AuthenticatedRequest,
  ) {
    return {
      items: await this.webhooks.deliveries(params.id, query.limit, request.user),
      nextCursor: null,
    };
  }

  @Post(':id/deliveries/:deliveryId/redeliver')
  @ApiRoute({
    summary: 'Send a delivery again (it waits behind none: it is the oldest again)',
    tag,
    status: 202,
    permission: 'webhooks:manage',
    params: deliveryParams,
    response: webhookDeliverySchema,
  })
  redeliver(
    @ValidParams() params: z.output<typeof deliveryParams>,
    @Req() request: AuthenticatedRequest,
  ) {
    return this.webhooks.redeliver(params.id, params.deliveryId, request.user);
  }
}
