import type { Provider } from '@nestjs/common';

import { RETAINED_ROWS, RETENTION_BATCH, type RetainedRows } from '@salesops/messaging';

import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway-config';

const olderThanDays = (column: string) => `${column} < now() - make_interval(days => $1::int)`;

/**
 * What the gateway's retention sweep (RetentionHost: every RETENTION_SWEEP_MS, claimed by one
 * instance, in batches) prunes of the departments' rows: the event log past
 * EVENT_LOG_RETENTION_DAYS, and past WEBHOOK_LOG_RETENTION_DAYS the attempt log, delivered
 * deliveries, and the deliveries of a subscription removed that long ago. A delivery still waiting
 * for a live subscription is never pruned, however old.
 */
export function departmentRetainedRows({
  retentionDays,
  webhookLogRetentionDays,
}: Pick<
  GatewayConfig['departments'],
  'retentionDays' | 'webhookLogRetentionDays'
>): RetainedRows[] {
  return [
    {
      name: 'departmentEvents',
      value: retentionDays,
      statement: `DELETE FROM department_event WHERE seq IN (
        SELECT seq FROM department_event WHERE ${olderThanDays('"receivedAt"')}
        ORDER BY seq LIMIT ${RETENTION_BATCH} FOR UPDATE SKIP LOCKED)`,
    },
    {
      name: 'webhookAttempts',
      value: webhookLogRetentionDays,
      statement: `DELETE FROM webhook_attempt WHERE id IN (
        SELECT id FROM webhook_attempt WHERE ${olderThanDays('at')}
        LIMIT ${RETENTION_BATCH} FOR UPDATE SKIP LOCKED)`,
    },
    {
      name: 'webhookDeliveries',
      value: webhookLogRetentionDays,
      statement: `DELETE FROM webhook_delivery WHERE id IN (
        SELECT id FROM webhook_delivery
        WHERE status = 'delivered' AND ${olderThanDays('"deliveredAt"')}
        LIMIT ${RETENTION_BATCH} FOR UPDATE SKIP LOCKED)`,
    },
    {
      name: 'removedWebhookDeliveries',
      value: webhookLogRetentionDays,
      statement: `DELETE FROM webhook_delivery WHERE id IN (
        SELECT d.id FROM webhook_delivery d JOIN webhook_subscription s ON s.id = d."subscriptionId"
        WHERE ${olderThanDays('s."deletedAt"')}
        LIMIT ${RETENTION_BATCH} FOR UPDATE OF d SKIP LOCKED)`,
    },
  ];
}

export const departmentRetention: Provider = {
  provide: RETAINED_ROWS,
  useFactory: (config: GatewayConfig) => departmentRetainedRows(config.departments),
  inject: [GATEWAY_CONFIG],
};
