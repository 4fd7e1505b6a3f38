import { Inject, Injectable } from '@nestjs/common';

import { PrismaService } from '../database/prisma.service';

export interface ClaimedAttempt {
  /** Attempts counted as failures in the current window, this one included. */
  failures: number;
  since: Date;
  lockedUntil: Date | null;
}

@Injectable()
export class LoginAttemptsRepository {
  constructor(@Inject(PrismaService) private readonly prisma: PrismaService) {}

  /** `name` is the username of a user, or the keyed hash of a typed name that names none. */
  record(name: string, ip: string, succeeded: boolean): Promise<unknown> {
    return this.prisma.loginAttempt.create({ data: { username: name, ip, succeeded } });
  }

  /**
   * Counts an attempt on a user as a failure before it is checked, in one statement: parallel
   * attempts each see the count of those before them. A window that began before `windowStart`
   * starts again.
   */
  async claim(userId: string, now: Date, windowStart: Date): Promise<ClaimedAttempt | undefined> {
    const [row] = await this.prisma.$queryRawUnsafe<
      { failures: number; since: Date | string; lockedUntil: Date | string | null }[]
    >(
      `UPDATE "user" SET
         "failedLogins" = CASE WHEN "failedLoginsSince" > $3 THEN "failedLogins" + 1 ELSE 1 END,
         "failedLoginsSince" = CASE WHEN "failedLoginsSince" > $3 THEN "failedLoginsSince" ELSE $2 END
       WHERE id = $1::uuid
       RETURNING "failedLogins" AS failures, "failedLoginsSince" AS since, "lockedUntil"`,
      userId,
      now,
      windowStart,
    );
    return (
      row && {
        failures: Number(row.failures),
        since: new Date(row.since),
        lockedUntil: row.lockedUntil === null ? null : new Date(row.lockedUntil),
      }
    );
  }

  /** Gives back a claimed attempt that turned out right, e.g. a password awaiting its code. */
  async release(userId: string): Promise<void> {
    await this.prisma.user.updateMany({
      where: { id: userId, failedLogins: { gt: 0 } },
      data: { failedLogins: { decrement: 1 } },
    });
  }

  /** A completed sign-in: the failures before it no longer count. */
  async reset(userId: string): Promise<void> {
    await this.prisma.user.update({
      where: { id: userId },
      data: { failedLogins: 0, failedLoginsSince: null },
    });
  }

  /** Locks the user when its failures reached the limit; true when this call locked it. */
  async lockIfSpent(userId: string, limit: number, now: Date, until: Date): Promise<boolean> {
    const { count } = await this.prisma.user.updateMany({
      where: {
        id: userId,
        failedLogins: { gte: limit },
        OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }],
      },
      data: { lockedUntil: until },
    });
    return count === 1;
  }
}
