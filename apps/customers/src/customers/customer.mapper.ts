import type { Customer } from '@salesops/customers-contracts';

import type { CustomerRow } from './customers.repository';

export function toCustomer(row: CustomerRow): Customer {
  return {
    id: row.id,
    type: row.type as Customer['type'],
    name: row.name,
    phone: row.phone,
    wechatId: row.wechatId,
    email: row.email,
    address: row.address,
    birthday: row.birthday,
    channel: row.channel as Customer['channel'],
    intent: row.intent as Customer['intent'],
    tags: row.tags,
    ownerId: row.ownerId,
    teamId: row.teamId,
    stage: row.stage as Customer['stage'],
    stageReason: row.stageReason,
    lastContactAt: row.lastContactAt?.toISOString() ?? null,
    nextFollowUpAt: row.nextFollowUpAt?.toISOString() ?? null,
    registeredBy: row.registeredBy,
    createdAt: row.createdAt.toISOString(),
    version: row.version,
  };
}
