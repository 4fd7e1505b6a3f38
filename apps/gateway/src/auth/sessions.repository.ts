import { Inject, Injectable } from '@nestjs/common';

import { type Work } from '@salesops/persistence';

import { PrismaService } from '../database/prisma.service';
import type { Session } from '../generated/prisma/client';

export type RotateOutcome = 'rotated' | 'unknown' | 'reused';

@Injectable()
export class SessionsRepository {
  constructor(@Inject(PrismaService) private readonly prisma: PrismaService) {}

  create(userId: string, expiresAt: Date, refreshTokenHash: string): Promise<Session> {
    return this.prisma.session.create({
      data: { userId, expiresAt, refreshTokens: { create: { tokenHash: refreshTokenHash } } },
    });
  }

  findById(id: string): Promise<Session | null> {
    return this.prisma.session.findUnique({ where: { id } });
  }

  /**
   * Uses a refresh token once and stores its successor in the same transaction. A token that was
   * used already reports `reused`; the caller revokes its session.
   */
  rotate(
    tokenHash: string,
    nextHash: string,
  ): Promise<{ outcome: RotateOutcome; session: Session | null }> {
    return this.prisma.$transaction(async (tx) => {
      const token = await tx.refreshToken.findUnique({
        where: { tokenHash },
        include: { session: true },
      });
      if (!token) return { outcome: 'unknown', session: null };
      const { count } = await tx.refreshToken.updateMany({
        where: { tokenHash, usedAt: null },
        data: { usedAt: new Date() },
      });
      if (count === 0) return { outcome: 'reused', session: token.session };
      await tx.refreshToken.create({ data: { tokenHash: nextHash, sessionId: token.sessionId } });
      const session = await tx.session.update({
        where: { id: token.sessionId },
        data: { lastSeenAt: new Date() },
      });
      return { outcome: 'rotated', session };
    });
  }

  touch(id: string): Promise<unknown> {
    return this.prisma.session.update({ where: { id }, data: { lastSeenAt: new Date() } });
  }

  revoke(id: string, reason: string): Promise<unknown> {
    return this.prisma.session.updateMany({
      where: { id, revokedAt: null },
      data: { revokedAt: new Date(), revokedReason: reason },
    });
  }

  /** Ends the open sessions of a member's users and stops them signing in until reinstated. */
  async revokeForMember(memberId: string, reason: string, work: Work): Promise<string[]> {
    const tx = this.prisma.within(work);
    const ended = await this.endSessionsOfMember(memberId, reason, work);
    await tx.user.updateMany({ where: { memberId }, data: { active: false } });
    return ended;
  }

  /** Disables the users of a member for good (a departure); returns the ids of those disabled. */
  async disableUsersOfMember(memberId: string, work: Work): Promise<string[]> {
    const tx = this.prisma.within(work);
    const users = await tx.user.findMany({
      where: { memberId, disabledAt: null },
      select: { id: true },
    });
    await tx.user.updateMany({
      where: { id: { in: users.map((user) => user.id) } },
      data: {
        active: false,
        disabledAt: new Date(),
        activationTokenHash: null,
        activationExpiresAt: null,
      },
    });
    return users.map((user) => user.id);
  }

  /** Ends the open sessions of one user; returns the ids ended. */
  async endSessionsOfUser(userId: string, reason: string): Promise<string[]> {
    return this.prisma.$transaction(async (tx) => {
      const open = await tx.session.findMany({
        where: { revokedAt: null, userId },
        select: { id: true },
      });
      await tx.session.updateMany({
        where: { id: { in: open.map((session) => session.id) } },
        data: { revokedAt: new Date(), revokedReason: reason },
      });
      return open.map((session) => session.id);
    });
  }

  /** Ends the open sessions of a member's users; they may sign in again. */
  async endSessionsOfMember(memberId: string, reason: string, work: Work): Promise<string[]> {
    const tx = this.prisma.within(work);
    const open = await tx.session.findMany({
      where: { revokedAt: null, user: { memberId } },
      select: { id: true },
    });
    await tx.session.updateMany({
      where: { id: { in: open.map((session) => session.id) } },
      data: { revokedAt: new Date(), revokedReason: reason },
    });
    return open.map((session) => session.id);
  }

  /** The users of a member take the role of the new position, beside the roles granted them. */
  async placeUsersOfMember(
    memberId: string,
    teamId: string,
    positionRoles: string[],
    work: Work,
  ): Promise<void> {
    const tx = this.prisma.within(work);
    const users = await tx.user.findMany({
      where: { memberId },
      select: { id: true, grants: true },
    });
    for (const user of users) {
      const grants = user.grants.filter((role) => !positionRoles.includes(role));
      await tx.user.update({
        where: { id: user.id },
        data: { teamId, roles: [...positionRoles, ...grants], grants },
      });
    }
  }

  async reactivateForMember(memberId: string, work: Work): Promise<void> {
    const tx = this.prisma.within(work);
    await tx.user.updateMany({ where: { memberId }, data: { active: true } });
  }
}
