import { Inject, Injectable } from '@nestjs/common';

import { PrismaService } from '../database/prisma.service';
import type { User } from '../generated/prisma/client';

@Injectable()
export class UsersRepository {
  constructor(@Inject(PrismaService) private readonly prisma: PrismaService) {}

  findActiveById(id: string): Promise<User | null> {
    return this.prisma.user.findFirst({ where: { id, active: true } });
  }

  findActiveByUsername(username: string): Promise<User | null> {
    return this.prisma.user.findFirst({ where: { username, active: true } });
  }
}
