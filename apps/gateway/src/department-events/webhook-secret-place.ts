import type { SealedFieldPlace } from '@salesops/persistence';

/** A webhook's signing secret, sealed with the gateway's secret key ring and bound to its row. */
export function webhookSecretPlace(subscriptionId: string): SealedFieldPlace {
  return { table: 'webhook_subscription', field: 'secretSealed', rowId: subscriptionId };
}
