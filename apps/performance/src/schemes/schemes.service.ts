import { Inject, Injectable } from '@nestjs/common';

import type { KpiScheme, PerformanceRpc } from '@salesops/performance-contracts';
import { roleSchema } from '@salesops/policy';
import { DomainError, type IdentityClaims, personOf, type RpcRequest } from '@salesops/rpc';

import { defaultWeightsOf } from './default-schemes';
import { SchemesRepository } from './schemes.repository';

const POSITIONS = roleSchema.exclude(['admin']);

@Injectable()
export class SchemesService {
  constructor(@Inject(SchemesRepository) private readonly schemes: SchemesRepository) {}

  async get(request: RpcRequest<typeof PerformanceRpc.getScheme>): Promise<KpiScheme> {
    const position = this.positionOf(request.position);
    return (await this.weightsByPosition()).get(position) ?? this.defaultOf(position);
  }

  async put(
    request: RpcRequest<typeof PerformanceRpc.putScheme>,
    identity: IdentityClaims,
  ): Promise<KpiScheme> {
    const position = this.positionOf(request.position);
    const weights = Object.fromEntries(
      Object.entries(request.input.weights).filter(
        (entry): entry is [string, number] => entry[1] !== undefined,
      ),
    );
    const row = await this.schemes.put(position, weights, personOf(identity));
    return { ...row, isDefault: false };
  }

  /** Every position's scheme: its own, else the default. */
  async weightsOf(): Promise<(position: string | null) => Record<string, number>> {
    const own = await this.weightsByPosition();
    return (position) =>
      (position ? own.get(position)?.weights : undefined) ?? defaultWeightsOf(position ?? '');
  }

  private async weightsByPosition(): Promise<Map<string, KpiScheme>> {
    const rows = await this.schemes.all();
    return new Map(rows.map((row) => [row.position, { ...row, isDefault: false }]));
  }

  private defaultOf(position: string): KpiScheme {
    return { position, weights: defaultWeightsOf(position), isDefault: true, version: 0 };
  }

  private positionOf(position: string): string {
    const parsed = POSITIONS.safeParse(position);
    if (!parsed.success) {
      throw new DomainError('VALIDATION_FAILED', undefined, undefined, [
        { path: 'position', message: `one of ${POSITIONS.options.join(', ')}` },
      ]);
    }
    return parsed.data;
  }
}
