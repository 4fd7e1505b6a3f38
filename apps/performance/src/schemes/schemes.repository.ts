import { Inject, Injectable } from '@nestjs/common';

import { PrismaService } from '../database/prisma.service';

export interface SchemeRow {
  position: string;
  weights: Record<string, number>;
  version: number;
}

@Injectable()
export class SchemesRepository {
  constructor(@Inject(PrismaService) private readonly prisma: PrismaService) {}

  async all(): Promise<SchemeRow[]> {
    const rows = await this.prisma.kpiScheme.findMany();
    return rows.map((row) => ({
      position: row.position,
      weights: row.weights as Record<string, number>,
      version: row.version,
    }));
  }

  async put(position: string, weights: Record<string, number>, by: string): Promise<SchemeRow> {
    const row = await this.prisma.kpiScheme.upsert({
      where: { position },
      create: { position, weights, updatedBy: by },
      update: { weights, updatedBy: by, version: { increment: 1 } },
    });
    return {
      position: row.position,
      weights: row.weights as Record<string, number>,
      version: row.version,
    };
  }
}
