import { TrainingRpc } from '@salesops/training-contracts';

import { route } from '../http/route-shapes';
import { rpcController } from '../http/rpc-controller';

export const TrainingPlansController = rpcController(
  'TrainingPlans',
  { path: 'training-plans', tag: 'training' },
  {
    create: route.create(TrainingRpc.createTrainingPlan, {
      summary:
        "A team's yearly plan (courses and target months), by a leader of the team or a director; one per team and year (409 TRAINING_PLAN_EXISTS)",
      located: true,
    }),
    get: route.get(TrainingRpc.getTrainingPlan, {
      summary: 'One plan with its progress, in the same reach as the list',
    }),
    list: route.list(TrainingRpc.listTrainingPlans, {
      summary:
        'Plans with what was held and attended in each target month: all for trainers, HR and directors, leaders their reach, others their own team',
    }),
  },
);
