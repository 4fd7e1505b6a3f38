import { Injectable } from '@nestjs/common';

import type { Tx } from '../database/prisma.service';

export interface RosterEntry {
  memberId: string;
  teamId: string;
  position: string;
  level: string;
  status: string;
  hiredAt: Date;
}

@Injectable()
export class RosterRepository {
  upsert(entry: RosterEntry, tx: Tx): Promise<unknown> {
    const { memberId, ...rest } = entry;
    return tx.rosterMember.upsert({
      where: { memberId },
      create: entry,
      update: rest,
    });
  }

  countHire(teamId: string, tx: Tx): Promise<unknown> {
    return tx.teamHeadcount.upsert({
      where: { teamId },
      create: { teamId, hired: 1 },
      update: { hired: { increment: 1 } },
    });
  }
}
