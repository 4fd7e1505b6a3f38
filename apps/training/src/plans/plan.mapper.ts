import type { TrainingPlan } from '@salesops/training-contracts';

import type { ItemProgress, PlanItemRow, PlanRow } from './plans.repository';

type PlanItem = TrainingPlan['items'][number];

export function toPlan(
  row: PlanRow,
  items: PlanItemRow[],
  progress: ReadonlyMap<string, ItemProgress>,
  monthOver: (itemId: string) => boolean,
  teamSize: number,
): TrainingPlan {
  return {
    id: row.id,
    teamId: row.teamId,
    year: row.year,
    teamSize,
    items: items.map((item) => {
      const done = progress.get(item.id);
      const held = done?.sessionsHeld ?? 0;
      return {
        courseId: item.courseId,
        courseTitle: done?.courseTitle ?? '',
        category: (done?.category ?? 'special') as PlanItem['category'],
        month: item.month,
        note: item.note,
        status: held > 0 ? 'held' : monthOver(item.id) ? 'missed' : 'planned',
        sessionsScheduled: done?.sessionsScheduled ?? 0,
        sessionsHeld: held,
        enrolled: done?.enrolled ?? 0,
        attended: done?.attended ?? 0,
      };
    }),
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
  };
}
