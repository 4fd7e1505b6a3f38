import { Inject, Injectable } from '@nestjs/common';

import { PrismaService } from '../database/prisma.service';
import type { User } from '../generated/prisma/client';

@Injectable()
export class UsersRepository {
  constructor(@Inject(PrismaService) private readonly prisma: PrismaService) {}

  findActiveById(id: string): Promise<User | null> {
    return this.prisma.user.findFirst({ where: { id, active: true, disabledAt: null } });
  }

  /** A user who may sign in, or is suspended (told so once the password is right). */
  findNotDisabledByUsername(username: string): Promise<User | null> {
    return this.prisma.user.findFirst({ where: { username, disabledAt: null } });
  }

  async setPendingMfaSecret(id: string, sealed: string): Promise<void> {
    await this.prisma.user.update({ where: { id }, data: { mfaPendingSecret: sealed } });
  }

  /** The pending secret becomes the one in use; false when it changed meanwhile. */
  async enableMfa(id: string, pendingSealed: string, step: number): Promise<boolean> {
    const { count } = await this.prisma.user.updateMany({
      where: { id, mfaPendingSecret: pendingSealed },
      data: {
        mfaSecret: pendingSealed,
        mfaPendingSecret: null,
        mfaEnabledAt: new Date(),
        mfaLastStep: step,
      },
    });
    return count === 1;
  }

  /** Records a code's time step as used; false when it, or a later one, was used already. */
  async acceptMfaStep(id: string, step: number): Promise<boolean> {
    const { count } = await this.prisma.user.updateMany({
      where: { id, OR: [{ mfaLastStep: null }, { mfaLastStep: { lt: step } }] },
      data: { mfaLastStep: step },
    });
    return count === 1;
  }

  async disableMfa(id: string): Promise<void> {
    await this.prisma.user.update({
      where: { id },
      data: { mfaSecret: null, mfaPendingSecret: null, mfaEnabledAt: null, mfaLastStep: null },
    });
  }
}
