import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';

import { ApiRoute } from '../http/api-route.decorator';
import { SystemReadiness } from './system-readiness';

const statusSchema = z.object({ status: z.enum(['ok', 'not ok']) });

/**
 * Public health: `/ready` says whether the whole system is ready, and nothing else (no check
 * names, versions or errors). What failed is on the ops port: `/ready/system` for the system,
 * `/ready` for the gateway alone, which orchestrators probe, so one service down does not take
 * every gateway instance out of rotation.
 */
@Controller()
export class HealthController {
  constructor(@Inject(SystemReadiness) private readonly system: SystemReadiness) {}

  @Get('health')
  @ApiRoute({ summary: 'Liveness', tag: 'operations', public: true, response: statusSchema })
  health() {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiRoute({
    summary: 'Readiness of the whole system: ok, or 503 not ok (details on the ops port)',
    tag: 'operations',
    public: true,
    response: statusSchema,
  })
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const { ready } = await this.system.report();
    void reply.status(ready ? 200 : 503);
    return { status: ready ? 'ok' : 'not ok' };
  }
}
