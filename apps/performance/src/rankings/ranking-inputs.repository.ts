import { Inject, Injectable } from '@nestjs/common';

import { sqlOf, type UnitOfWork, type Work } from '@salesops/persistence';

import { PrismaService } from '../database/prisma.service';

/**
 * The version of what the live rankings are made of (facts, roster, teams): each writer counts
 * its committed changes in a row of its own (two writers never wait on each other's row), and the
 * version is their sum, read like any committed data.
 */
@Injectable()
export class RankingInputsRepository {
  constructor(@Inject(PrismaService) private readonly prisma: PrismaService) {}

  /** The last statement of a transaction of `writer`: held from here to the commit only. */
  async changed(writer: string, work: Work): Promise<void> {
    await sqlOf(work).$executeRawUnsafe(
      `INSERT INTO ranking_input (writer, version) VALUES ($1, 1)
       ON CONFLICT (writer) DO UPDATE SET version = ranking_input.version + 1`,
      writer,
    );
  }

  async version(): Promise<string> {
    const [row] = await this.prisma.$queryRawUnsafe<{ version: string }[]>(
      `SELECT COALESCE(SUM(version), 0)::text AS version FROM ranking_input`,
    );
    return row?.version ?? '0';
  }

  /**
   * `unitOfWork` whose every transaction ends by counting a change of `writer`: for a consumer
   * of what the rankings are made of, whatever its handlers wrote. Transactions running at once
   * (a consumer's lanes) each count in a row of their own, so none waits for another's commit.
   */
  countingChanges(unitOfWork: Pick<UnitOfWork, 'run'>, writer: string): Pick<UnitOfWork, 'run'> {
    const taken = new Set<number>();
    return {
      run: async (work, options) => {
        let slot = 0;
        while (taken.has(slot)) slot += 1;
        taken.add(slot);
        try {
          return await unitOfWork.run(async (tx) => {
            const result = await work(tx);
            await this.changed(slot === 0 ? writer : `${writer}#${slot}`, tx);
            return result;
          }, options);
        } finally {
          taken.delete(slot);
        }
      },
    };
  }
}
