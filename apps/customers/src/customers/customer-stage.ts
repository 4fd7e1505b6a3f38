import type { CustomerStage } from '@salesops/customers-contracts';

const OPEN: readonly CustomerStage[] = ['lead', 'contacted', 'qualified', 'negotiating'];

export type StageMove =
  | { kind: 'lose' }
  | { kind: 'sleep' }
  | { kind: 'reopen' }
  | { kind: 'advance'; to: 'qualified' | 'negotiating' }
  | { kind: 'win' }
  | { kind: 'followed-up' };

export function isOpen(stage: CustomerStage): boolean {
  return OPEN.includes(stage);
}

/**
 * The stage a move leads to from `current`, or null when the move is not allowed there:
 * lead → contacted → qualified → negotiating → won; lost or dormant from any open stage; a lost or
 * dormant customer reopens to contacted. A follow-up moves only a lead (to contacted).
 */
export function stageAfter(current: CustomerStage, move: StageMove): CustomerStage | null {
  switch (move.kind) {
    case 'lose':
      return isOpen(current) ? 'lost' : null;
    case 'sleep':
      return isOpen(current) ? 'dormant' : null;
    case 'reopen':
      return current === 'lost' || current === 'dormant' ? 'contacted' : null;
    case 'advance':
      return isOpen(current) && OPEN.indexOf(move.to) > OPEN.indexOf(current) ? move.to : null;
    case 'win':
      return isOpen(current) ? 'won' : null;
    case 'followed-up':
      return current === 'lead' ? 'contacted' : current;
  }
}
