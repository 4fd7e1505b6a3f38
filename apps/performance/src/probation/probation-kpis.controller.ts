import { Controller } from '@nestjs/common';

import { PerformanceRpc, type ProbationKpis } from '@salesops/performance-contracts';
import { RpcHandler } from '@salesops/service-runtime';

/**
 * A member's KPIs over their probation, for the probation review. Scorecards arrive with the
 * performance issue; until then the checkpoint says there is no data rather than failing.
 */
@Controller()
export class ProbationKpisController {
  @RpcHandler(PerformanceRpc.probationKpis)
  kpis(): ProbationKpis {
    return { status: 'no_data' };
  }
}
