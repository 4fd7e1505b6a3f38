import { defineErrors } from '@salesops/contract-kit';

/** The performance service's own error codes (the shared ones are in `@salesops/contract-kit`). */
export const performanceErrors = defineErrors({
  SCORECARD_NOT_FOUND: {
    status: 404,
    title: 'No such member in your reach',
  },
  KPI_FINANCIAL_FORBIDDEN: {
    status: 403,
    title: 'Profit is financial: only finance, directors and managers in scope see it',
  },
  TARGET_SUBJECT_INVALID: {
    status: 422,
    title: 'A target is for one member or one team of your reach',
  },
  TARGET_SPLIT_INVALID: {
    status: 422,
    title: "A split is of a team target, over the team's members, by weights summing to 100",
  },
  RANKING_TEAM_REQUIRED: {
    status: 422,
    title: 'A team or department ranking names its team (teamId) or the caller has one',
  },
});

declare module '@salesops/contract-kit' {
  interface ErrorCatalogs {
    performance: typeof performanceErrors;
  }
}
