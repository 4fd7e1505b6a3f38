import {
  type Complaint,
  CustomersRpc,
  type RootCauseCategory,
} from '@salesops/customers-contracts';
import type { IdentityClaims, RpcClient } from '@salesops/rpc';

import { identityOf } from './demo-identity';
import type { DemoCustomers } from './demo-orders';

type People = ReadonlyMap<string, { id: string; teamId: string }>;

const HOUR_MS = 60 * 60 * 1000;

type Target = 'received' | 'acknowledged' | 'investigating' | 'resolved' | 'closed' | 'reopened';

/** rep.east1a's customers' complaints in every state, one breached, one of a sales-skill cause. */
const DEMO_COMPLAINTS: {
  key: string;
  stage: string;
  target: Target;
  severity: Complaint['severity'];
  category: string;
  description: string;
  /** Received this long ago: past the acknowledgement deadline, so the sweep flags it. */
  hoursAgo?: number;
  cause?: RootCauseCategory;
}[] = [
  {
    key: 'received',
    stage: 'negotiating',
    target: 'received',
    severity: 'medium',
    category: 'response',
    description: 'Asked for a quote twice and heard nothing.',
  },
  {
    key: 'breached',
    stage: 'won',
    target: 'received',
    severity: 'critical',
    category: 'delivery',
    description: 'The purifier was delivered to the wrong address.',
    hoursAgo: 3,
  },
  {
    key: 'acknowledged',
    stage: 'qualified',
    target: 'acknowledged',
    severity: 'low',
    category: 'billing',
    description: 'The invoice names the wrong company.',
  },
  {
    key: 'investigating',
    stage: 'won',
    target: 'investigating',
    severity: 'high',
    category: 'quality',
    description: 'The filter rattles after a week.',
  },
  {
    key: 'resolved',
    stage: 'won',
    target: 'resolved',
    severity: 'high',
    category: 'sales',
    description: 'Was promised a free year of filters that nobody had approved.',
    cause: 'sales_skill',
  },
  {
    key: 'closed',
    stage: 'won',
    target: 'closed',
    severity: 'medium',
    category: 'quality',
    description: 'The display flickers.',
    cause: 'product',
  },
  {
    key: 'reopened',
    stage: 'won',
    target: 'reopened',
    severity: 'medium',
    category: 'delivery',
    description: 'The box arrived crushed.',
    cause: 'logistics',
  },
];

const ORDER: Complaint['status'][] = ['received', 'acknowledged', 'investigating', 'resolved'];

/**
 * Complaints handled by service.east1, each moved on only from where it stands, so a second load
 * changes nothing: creates carry fixed keys.
 */
export async function seedDemoComplaints(
  rpc: RpcClient,
  people: People,
  customers: DemoCustomers,
): Promise<void> {
  const rep = people.get('rep.east1a');
  const service = people.get('service.east1');
  const own = customers.get('rep.east1a');
  if (!rep || !service || !own) return;
  const asService = identityOf('customer_service', 'service.east1', service);
  const context = (identity: IdentityClaims) => ({
    requestId: 'demo-seed',
    identity,
    timeoutMs: 10_000,
  });
  const call = (step: 'acknowledge' | 'investigate', complaint: Complaint) =>
    rpc.call(
      step === 'acknowledge'
        ? CustomersRpc.acknowledgeComplaint
        : CustomersRpc.investigateComplaint,
      { id: complaint.id, expectedVersion: complaint.version },
      context(asService),
    );

  for (const demo of DEMO_COMPLAINTS) {
    const customerId = own.get(demo.stage);
    if (!customerId) continue;
    // Found by its text first: the breached one is received hours before each load, so its
    // create is not the same request twice.
    const listed = await rpc.call(
      CustomersRpc.listComplaints,
      { customerId, limit: 100 },
      context(asService),
    );
    let complaint =
      listed.items.find((item) => item.description === demo.description) ??
      (await rpc.call(
        CustomersRpc.createComplaint,
        {
          idempotencyKey: `demo-complaint-${demo.key}`,
          input: {
            customerId,
            orderId: null,
            severity: demo.severity,
            category: demo.category,
            description: demo.description,
            handlerId: service.id,
            ...(demo.hoursAgo
              ? { receivedAt: new Date(Date.now() - demo.hoursAgo * HOUR_MS).toISOString() }
              : {}),
          },
        },
        context(asService),
      ));
    const reached = (status: Complaint['status']) =>
      complaint.reopenCount > 0 ||
      complaint.status === 'closed' ||
      ORDER.indexOf(complaint.status) >= ORDER.indexOf(status);
    const target = demo.target === 'reopened' ? 'closed' : demo.target;
    if (target === 'received') continue;
    if (!reached('acknowledged')) complaint = await call('acknowledge', complaint);
    if (target === 'acknowledged') continue;
    if (!reached('investigating')) complaint = await call('investigate', complaint);
    if (target === 'investigating') continue;
    if (!reached('resolved')) {
      complaint = await rpc.call(
        CustomersRpc.resolveComplaint,
        {
          id: complaint.id,
          expectedVersion: complaint.version,
          input: {
            resolution: 'Apologised, and put it right at our cost.',
            rootCause: { category: demo.cause ?? 'other', notes: demo.description },
            responsibleMemberId: rep.id,
          },
        },
        context(asService),
      );
    }
    if (target === 'resolved') continue;
    if (complaint.status === 'resolved' && complaint.reopenCount === 0) {
      complaint = await rpc.call(
        CustomersRpc.closeComplaint,
        {
          id: complaint.id,
          expectedVersion: complaint.version,
          input: { satisfaction: demo.target === 'reopened' ? 2 : 3 },
        },
        context(asService),
      );
    }
    if (demo.target === 'reopened' && complaint.status === 'closed') {
      await rpc.call(
        CustomersRpc.reopenComplaint,
        {
          id: complaint.id,
          expectedVersion: complaint.version,
          input: { reason: 'The replacement arrived crushed too.' },
        },
        context(asService),
      );
    }
  }
}
