import { Inject, Injectable } from '@nestjs/common';

import { isUniqueViolation, type Keyset, keysetPage } from '@salesops/persistence';

import { PrismaService } from '../database/prisma.service';
import type { Prisma, User } from '../generated/prisma/client';
import type { AccountReach } from './account-access';

export interface NewAccount {
  username: string;
  memberId: string;
  teamId: string;
  roles: string[];
  active: boolean;
  activationTokenHash: string;
  activationExpiresAt: Date;
}

@Injectable()
export class UserAccountsRepository {
  constructor(@Inject(PrismaService) private readonly prisma: PrismaService) {}

  findById(id: string): Promise<User | null> {
    return this.prisma.user.findUnique({ where: { id } });
  }

  list(
    reach: AccountReach,
    filter: { memberId?: string; username?: string },
    query: Keyset,
  ): Promise<User[]> {
    const page = keysetPage<Prisma.UserWhereInput, Prisma.UserOrderByWithRelationInput>(
      query,
      'username',
      'asc',
    );
    const where: Prisma.UserWhereInput = {
      ...(reach.kind === 'members' ? { memberId: { not: null } } : {}),
      ...(reach.kind === 'teams' ? { memberId: { not: null }, teamId: { in: reach.teamIds } } : {}),
      ...(filter.memberId ? { memberId: filter.memberId } : {}),
      ...(filter.username !== undefined ? { username: filter.username } : {}),
      ...page.after,
    };
    return this.prisma.user.findMany({ where, orderBy: page.orderBy, take: page.take });
  }

  /**
   * One account per member that is not disabled: creations for one member queue on a lock, so two
   * at once make one account.
   */
  async createForMember(
    account: NewAccount,
  ): Promise<{ created: User } | { refused: 'MEMBER_HAS_USER' | 'USERNAME_TAKEN' }> {
    try {
      return await this.prisma.$transaction(async (tx) => {
        await tx.$executeRawUnsafe(
          `SELECT pg_advisory_xact_lock(hashtext('gateway.user.member:' || $1))`,
          account.memberId,
        );
        const existing = await tx.user.count({
          where: { memberId: account.memberId, disabledAt: null },
        });
        if (existing > 0) return { refused: 'MEMBER_HAS_USER' as const };
        return { created: await tx.user.create({ data: account }) };
      });
    } catch (error) {
      if (isUniqueViolation(error)) return { refused: 'USERNAME_TAKEN' };
      throw error;
    }
  }

  /** Applies roles and grants unless the user changed meanwhile; null then. */
  async setRoles(user: User, roles: string[], grants: string[]): Promise<User | null> {
    const { count } = await this.prisma.user.updateMany({
      where: { id: user.id, updatedAt: user.updatedAt, disabledAt: null },
      data: { roles, grants },
    });
    return count === 1 ? this.findById(user.id) : null;
  }

  async disable(id: string): Promise<User> {
    return this.prisma.user.update({
      where: { id },
      data: {
        active: false,
        disabledAt: new Date(),
        activationTokenHash: null,
        activationExpiresAt: null,
      },
    });
  }

  /** The password is gone and a new activation token takes the old one's place. */
  async reset(id: string, activationTokenHash: string, expiresAt: Date): Promise<User | null> {
    const { count } = await this.prisma.user.updateMany({
      where: { id, disabledAt: null },
      data: {
        passwordHash: null,
        activationTokenHash,
        activationExpiresAt: expiresAt,
        lockedUntil: null,
        failedLogins: 0,
        failedLoginsSince: null,
      },
    });
    return count === 1 ? this.findById(id) : null;
  }

  findByActivationToken(tokenHash: string, now: Date): Promise<User | null> {
    return this.prisma.user.findFirst({
      where: { activationTokenHash: tokenHash, activationExpiresAt: { gt: now }, disabledAt: null },
    });
  }

  /** Sets the password and consumes the token, once: false when it was used meanwhile. */
  async activate(id: string, tokenHash: string, passwordHash: string, now: Date): Promise<boolean> {
    const { count } = await this.prisma.user.updateMany({
      where: {
        id,
        activationTokenHash: tokenHash,
        activationExpiresAt: { gt: now },
        disabledAt: null,
      },
      data: {
        passwordHash,
        activationTokenHash: null,
        activationExpiresAt: null,
        lockedUntil: null,
        failedLogins: 0,
        failedLoginsSince: null,
      },
    });
    return count === 1;
  }
}
