import type { Member } from '@salesops/members-contracts';

import type { Member as MemberRow } from '../generated/prisma/client';

export function toMember(row: MemberRow): Member {
  return {
    id: row.id,
    employeeNo: row.employeeNo,
    name: row.name,
    phone: row.phone,
    wechatId: row.wechatId,
    email: row.email,
    teamId: row.teamId,
    position: row.position as Member['position'],
    track: row.track as Member['track'],
    level: row.level,
    status: row.status as Member['status'],
    hiredAt: row.hiredAt.toISOString(),
    probationEndsAt: row.probationEndsAt?.toISOString() ?? null,
    departedAt: row.departedAt?.toISOString() ?? null,
    version: row.version,
  };
}
