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

@Controller()
export class HealthController {
  constructor(
    @Inject(Readiness) private readonly readiness: Readiness,
    @Inject(RpcClient) rpc: RpcClient,
  ) {
    for (const ping of SERVICE_PINGS) {
      readiness.register(ping.subject.split('.')[0] ?? ping.subject, async () => {
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
    const report = await this.readiness.report();
    void reply.status(report.ready ? 200 : 503);
    return report;
  }
}
