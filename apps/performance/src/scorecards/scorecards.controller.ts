import { Controller, Inject } from '@nestjs/common';

import { PerformanceRpc } from '@salesops/performance-contracts';
import { type IdentityClaims, type RpcRequest } from '@salesops/rpc';
import { RpcHandler, RpcIdentity, RpcPayload } from '@salesops/service-runtime';

import { RankingsService } from '../rankings/rankings.service';
import { SchemesService } from '../schemes/schemes.service';
import { TargetsService } from '../targets/targets.service';
import { ScorecardsService } from './scorecards.service';

@Controller()
export class ScorecardsController {
  constructor(
    @Inject(ScorecardsService) private readonly scorecards: ScorecardsService,
    @Inject(RankingsService) private readonly rankings: RankingsService,
    @Inject(SchemesService) private readonly schemes: SchemesService,
    @Inject(TargetsService) private readonly targets: TargetsService,
  ) {}

  @RpcHandler(PerformanceRpc.scorecard)
  scorecard(
    @RpcPayload() request: RpcRequest<typeof PerformanceRpc.scorecard>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.scorecards.scorecard(request, identity);
  }

  @RpcHandler(PerformanceRpc.scorecards)
  list(
    @RpcPayload() request: RpcRequest<typeof PerformanceRpc.scorecards>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.scorecards.scorecards(request, identity);
  }

  @RpcHandler(PerformanceRpc.scorecardSources)
  sources(
    @RpcPayload() request: RpcRequest<typeof PerformanceRpc.scorecardSources>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.scorecards.sources(request, identity);
  }

  @RpcHandler(PerformanceRpc.probationKpis)
  probation(@RpcPayload() request: RpcRequest<typeof PerformanceRpc.probationKpis>) {
    return this.scorecards.probation(request);
  }

  @RpcHandler(PerformanceRpc.ranking)
  ranking(
    @RpcPayload() request: RpcRequest<typeof PerformanceRpc.ranking>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.rankings.ranking(request, identity);
  }

  @RpcHandler(PerformanceRpc.publishRanking)
  publishRanking(
    @RpcPayload() request: RpcRequest<typeof PerformanceRpc.publishRanking>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.rankings.publish(request, identity);
  }

  @RpcHandler(PerformanceRpc.getScheme)
  getScheme(@RpcPayload() request: RpcRequest<typeof PerformanceRpc.getScheme>) {
    return this.schemes.get(request);
  }

  @RpcHandler(PerformanceRpc.putScheme)
  putScheme(
    @RpcPayload() request: RpcRequest<typeof PerformanceRpc.putScheme>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.schemes.put(request, identity);
  }

  @RpcHandler(PerformanceRpc.listTargets)
  listTargets(
    @RpcPayload() request: RpcRequest<typeof PerformanceRpc.listTargets>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.targets.list(request, identity);
  }

  @RpcHandler(PerformanceRpc.putTarget)
  putTarget(
    @RpcPayload() request: RpcRequest<typeof PerformanceRpc.putTarget>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.targets.put(request, identity);
  }
}
