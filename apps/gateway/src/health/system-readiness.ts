import { Inject, Injectable } from '@nestjs/common';

import { CustomersRpc } from '@salesops/customers-contracts';
import { MembersRpc } from '@salesops/members-contracts';
import { OrdersRpc } from '@salesops/orders-contracts';
import { PerformanceRpc } from '@salesops/performance-contracts';
import { RpcClient } from '@salesops/rpc';
import { Readiness } from '@salesops/service-runtime';
import { TrainingRpc } from '@salesops/training-contracts';

const SERVICE_PINGS = [
  MembersRpc.ping,
  CustomersRpc.ping,
  OrdersRpc.ping,
  TrainingRpc.ping,
  PerformanceRpc.ping,
];

export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, string>;
}

/** The whole system: the gateway's database and NATS, and a ping of every service. */
@Injectable()
export class SystemReadiness {
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

  async report(): Promise<ReadinessReport> {
    const [own, services] = await Promise.all([this.gateway.report(), this.services.report()]);
    return { ready: own.ready && services.ready, checks: { ...own.checks, ...services.checks } };
  }
}
