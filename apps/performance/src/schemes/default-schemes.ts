/**
 * The weights a position scores by until a director sets its own (`PUT /kpi-schemes/:position`).
 * Sales roles: domain.md §5. Customer service: the complaints they handle and the ratings of the
 * customers they serve. Operations: no KPI of theirs comes from orders yet (events do not name
 * who fulfilled), so training and the appraisals' teamwork and attitude carry them.
 */
export const SALES_WEIGHTS = {
  salesAmount: 40,
  newCustomers: 15,
  conversionRate: 15,
  satisfaction: 10,
  trainingParticipation: 10,
  teamwork: 5,
  attitude: 5,
};

export const DEFAULT_WEIGHTS: Record<string, Record<string, number>> = {
  customer_service: {
    complaintTimeliness: 25,
    complaintResolution: 25,
    satisfaction: 25,
    trainingParticipation: 10,
    teamwork: 10,
    attitude: 5,
  },
  operations: {
    trainingParticipation: 40,
    certificates: 20,
    teamwork: 20,
    attitude: 20,
  },
};

export function defaultWeightsOf(position: string): Record<string, number> {
  return DEFAULT_WEIGHTS[position] ?? SALES_WEIGHTS;
}
