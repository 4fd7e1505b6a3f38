import { Inject, Injectable } from '@nestjs/common';

import { PrismaService } from '../database/prisma.service';

@Injectable()
export class LoginAttemptsRepository {
  constructor(@Inject(PrismaService) private readonly prisma: PrismaService) {}

  record(username: string, ip: string, succeeded: boolean): Promise<unknown> {
    return this.prisma.loginAttempt.create({ data: { username, ip, succeeded } });
  }

  /** Failed logins of a username since a time, not counting those before its last success. */
  async failuresSince(username: string, since: Date): Promise<number> {
    const lastSuccess = await this.prisma.loginAttempt.findFirst({
      where: { username, succeeded: true, at: { gte: since } },
      orderBy: { at: 'desc' },
      select: { at: true },
    });
    return this.prisma.loginAttempt.count({
      where: { username, succeeded: false, at: { gte: lastSuccess?.at ?? since } },
    });
  }

  lock(username: string, until: Date): Promise<unknown> {
    return this.prisma.user.updateMany({ where: { username }, data: { lockedUntil: until } });
  }
}
