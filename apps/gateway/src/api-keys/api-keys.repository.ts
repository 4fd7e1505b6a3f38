import { Inject, Injectable } from '@nestjs/common';

import { PrismaService } from '../database/prisma.service';
import type { ApiKey } from '../generated/prisma/client';

export interface NewApiKey {
  name: string;
  prefix: string;
  secretHash: string;
  scopes: string[];
  teamId: string | null;
  createdBy: string;
}

@Injectable()
export class ApiKeysRepository {
  constructor(@Inject(PrismaService) private readonly prisma: PrismaService) {}

  create(key: NewApiKey): Promise<ApiKey> {
    return this.prisma.apiKey.create({ data: key });
  }

  list(): Promise<ApiKey[]> {
    return this.prisma.apiKey.findMany({ orderBy: { createdAt: 'desc' }, take: 500 });
  }

  findById(id: string): Promise<ApiKey | null> {
    return this.prisma.apiKey.findUnique({ where: { id } });
  }

  findByPrefix(prefix: string): Promise<ApiKey | null> {
    return this.prisma.apiKey.findUnique({ where: { prefix } });
  }

  async revoke(id: string): Promise<boolean> {
    const { count } = await this.prisma.apiKey.updateMany({
      where: { id, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    return count > 0;
  }

  touch(id: string): Promise<unknown> {
    return this.prisma.apiKey.update({ where: { id }, data: { lastUsedAt: new Date() } });
  }
}
