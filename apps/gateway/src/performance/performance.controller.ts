import { z } from 'zod';

import {
  PerformanceRpc,
  periodSchema,
  rankingQuerySchema,
  kpiKeySchema,
  putKpiSchemeRequestSchema,
  putTargetInputSchema,
} from '@salesops/performance-contracts';

import { idParams } from '../http/id-params';
import { bind } from '../http/rpc-binding';
import { route } from '../http/route-shapes';
import { rpcController } from '../http/rpc-controller';

const positionParams = z.object({ id: z.string().min(1).max(40) });

export const KpiSchemesController = rpcController(
  'KpiSchemes',
  { path: 'kpi-schemes', tag: 'performance' },
  {
    get: bind(
      PerformanceRpc.getScheme,
      {
        method: 'GET',
        path: ':id',
        summary:
          "A position's KPI weights (`:id` is the position, e.g. sales_rep); the default until set",
        params: positionParams,
        query: undefined,
        body: undefined,
      },
      ({ params }) => ({ position: params.id }),
    ),
    put: bind(
      PerformanceRpc.putScheme,
      {
        method: 'PUT',
        path: ':id',
        summary:
          "Set a position's KPI weights (`{ weights }`, summing to 100; profit is not weighted)",
        params: positionParams,
        query: undefined,
        body: putKpiSchemeRequestSchema.shape.input,
      },
      ({ params, body }) => ({ position: params.id, input: body }),
    ),
  },
);

export const TargetsController = rpcController(
  'Targets',
  { path: 'targets', tag: 'performance' },
  {
    list: route.list(PerformanceRpc.listTargets, {
      summary: "A month's targets of the members and teams in your reach",
    }),
    put: bind(
      PerformanceRpc.putTarget,
      {
        method: 'PUT',
        path: '',
        summary:
          "Set a member's or a team's target for a month; a team's may be split to its members (evenly or by weights summing to 100)",
        params: undefined,
        query: undefined,
        body: putTargetInputSchema,
      },
      ({ body }) => ({ input: body }),
    ),
  },
);

export const ScorecardsController = rpcController(
  'Scorecards',
  { path: 'scorecards', tag: 'performance' },
  {
    list: route.list(PerformanceRpc.scorecards, {
      summary: "The scorecards of the members in your reach (of a team's subtree with teamId)",
    }),
  },
);

const periodQuery = z.object({ period: periodSchema }).strict();

export const MemberScorecardsController = rpcController(
  'MemberScorecards',
  { path: 'members', tag: 'performance' },
  {
    scorecard: route.list(PerformanceRpc.scorecard, {
      path: ':id/scorecard',
      summary: "A member's scorecard: every KPI, its target, weighted points and the score",
      params: idParams,
      query: periodQuery,
      request: ({ params, query }) => ({ memberId: params.id, period: query.period }),
    }),
    sources: route.list(PerformanceRpc.scorecardSources, {
      path: ':id/scorecard/sources',
      summary:
        'The facts behind one KPI of a scorecard and the orders, customers or complaints they came from',
      params: idParams,
      query: z.object({ period: periodSchema, kpi: kpiKeySchema }).strict(),
      request: ({ params, query }) => ({
        memberId: params.id,
        period: query.period,
        kpi: query.kpi,
      }),
    }),
  },
);

export const RankingsController = rpcController(
  'Rankings',
  { path: 'rankings', tag: 'performance' },
  {
    get: route.list(PerformanceRpc.ranking, {
      summary:
        'A live ranking of members by a KPI or score, or of teams by sales against target (names and values only; ties share a rank); for a month whose end has passed, the ranking frozen at that end (frozenAt)',
    }),
    publish: bind(
      PerformanceRpc.publishRanking,
      {
        method: 'POST',
        path: 'publish',
        summary:
          'Publish the live ranking as it stands now (performance.ranking.published; never by profit)',
        params: undefined,
        query: undefined,
        body: rankingQuerySchema,
      },
      ({ body }) => body,
    ),
  },
);
