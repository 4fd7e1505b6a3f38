// Teams and sales reps made through the API, as the phases' data.
import { api } from './gateway-api.mjs';

/** The body of POST /members for a sales rep. */
export function memberInput(teamId, employeeNo, name) {
  return {
    employeeNo,
    name,
    teamId,
    position: 'sales_rep',
    track: 'professional',
    level: 'sales_rep',
  };
}

/** A new online-sales team: the created team. */
export function newTeam(base, token, name) {
  return api(base, 'POST', '/api/v1/teams', { token, body: { name, kind: 'online_sales' } });
}

/** A sales rep hired into the team: the created member. */
export function hire(base, token, teamId, employeeNo, name) {
  return api(base, 'POST', '/api/v1/members', {
    token,
    body: memberInput(teamId, employeeNo, name),
  });
}
