import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';

import { CustomersRpc } from '@salesops/customers-contracts';
import { MembersRpc } from '@salesops/members-contracts';
import { OrdersRpc } from '@salesops/orders-contracts';
import { PerformanceRpc } from '@salesops/performance-contracts';
import { RpcClient } from '@salesops/rpc';
import { Readiness } from '@salesops/service-runtime';
import { TrainingRpc } from '@salesops/training-contracts';

import { ApiRoute } from '../http/api-route.decorator';

const SERVICE_PINGS = [
  MembersRpc.ping,
  CustomersRpc.ping,
  OrdersRpc.ping,
  TrainingRpc.ping,
  PerformanceRpc.ping,
];

/**
 * Public health. `/ready` answers for the whole system (the gateway's database and NATS, and every
 * service); the ops port's `/ready`, which orchestrators probe, covers the gateway alone, so one
 * service down does not take every gateway instance out of rotation.
 */
@Controller()
export class HealthController {
  private readonly services = new Readiness();

  constructor(
    @Inject(Readiness) private readonly gateway: Readiness,
    @Inject(RpcClient) rpc: RpcClient,
  ) {
    this.services.markStarted();
    for (const ping of SERVICE_PINGS) {
      this.services.register(ping.subject.split('.')[0] ?? ping.subject, async () => {
        const answer = await rpc.call(ping, {}, { requestId: 'readiness' });
        if (!answer.ready) throw new Error('not ready');
      });
    }
  }

  @Get('health')
  @ApiRoute({ summary: 'Liveness', tag: 'operations', public: true })
  health() {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiRoute({
    summary: 'Readiness: database, NATS and every service',
    tag: 'operations',
    public: true,
  })
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const [own, services] = await Promise.all([this.gateway.report(), this.services.report()]);
    const report = {
      ready: own.ready && services.ready,
      checks: { ...own.checks, ...services.checks },
    };
    void reply.status(report.ready ? 200 : 503);
    return report;
  }
}
