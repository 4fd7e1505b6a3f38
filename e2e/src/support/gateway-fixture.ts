import { randomUUID } from 'node:crypto';

import { waitFor } from '@salesops/testing';

import type { Stack } from './stack';

/**
 * What the suites do through the gateway before what they test: requests with a token, a team, a
 * hired member, a customer registered once the customers service knows its owner. The stack is
 * read at each call: a suite starts it in its beforeAll.
 */
export function gatewayFixture(stackOf: () => Stack) {
  const as = (token: string) => ({ authorization: `Bearer ${token}` });
  /** A POST; with `version`, the If-Match it is made against. */
  const post = (token: string, path: string, body: object = {}, version?: number) =>
    stackOf()
      .http()
      .post(`/api/v1${path}`)
      .set({ ...as(token), ...(version === undefined ? {} : { 'if-match': String(version) }) })
      .send(body);
  const get = (token: string, path: string) =>
    stackOf().http().get(`/api/v1${path}`).set(as(token));

  /** A new online-sales team named `<prefix> <uuid>`; its id. */
  const newTeam = async (token: string, prefix: string, extra: object = {}) =>
    (
      (
        await post(token, '/teams', {
          name: `${prefix} ${randomUUID()}`,
          kind: 'online_sales',
          ...extra,
        }).expect(201)
      ).body as { id: string }
    ).id;

  /** A sales rep hired into the team (employee number `<prefix>-…`); their member id. */
  const hire = async (token: string, teamId: string, { prefix, name }: HireOptions) =>
    (
      (
        await post(token, '/members', {
          employeeNo: `${prefix}-${randomUUID().slice(0, 8)}`,
          name,
          teamId,
          position: 'sales_rep',
          track: 'professional',
          level: 'sales_rep',
        }).expect(201)
      ).body as { id: string }
    ).id;

  /** A customer of the caller, registered once customers know them (from the members events). */
  const registerCustomer = async (token: string, body: object) =>
    (
      (await waitFor(
        async () => {
          const created = await post(token, '/customers', body);
          return created.status === 201 ? created : undefined;
        },
        { what: 'the rep known to customers' },
      )) as { body: { id: string } }
    ).body.id;

  return { as, post, get, newTeam, hire, registerCustomer };
}

export interface HireOptions {
  prefix: string;
  name: string;
}
