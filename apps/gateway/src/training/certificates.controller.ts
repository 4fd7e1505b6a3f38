import { TrainingRpc } from '@salesops/training-contracts';

import { route } from '../http/route-shapes';
import { rpcController } from '../http/rpc-controller';

export const CertificatesController = rpcController(
  'Certificates',
  { path: 'certificates', tag: 'training' },
  {
    list: route.list(TrainingRpc.listCertificates, {
      summary: 'Certificates in the caller’s reach, newest first',
    }),
  },
);

export const TrainingRecordsController = rpcController(
  'TrainingRecords',
  { path: 'members', tag: 'training' },
  {
    get: route.get(TrainingRpc.trainingRecord, {
      path: ':id/training-record',
      summary:
        "A member's courses, attendance, attempts, certificates and reflections (scores for the member, trainers, HR and leaders in reach)",
    }),
  },
);
