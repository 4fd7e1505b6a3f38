import { gatewayFixture } from './gateway-fixture';
import type { Stack } from './stack';

/**
 * A suite's people by name, each a user signed in: requests made as one of them, and everyone
 * signed in again once the clock moved (moving it ends every session). The stack is read at each
 * call: a suite starts it in its beforeAll.
 */
export function peopleFixture(stackOf: () => Stack) {
  const gateway = gatewayFixture(stackOf);
  const accounts = new Map<string, { username: string; password: string }>();
  const tokens = new Map<string, string>();
  const tokenOf = (who: string) => {
    const token = tokens.get(who);
    if (token === undefined) throw new Error(`nobody called ${who} in this suite`);
    return token;
  };

  /** `who`: a user with `roles` (the member and team they are), signed in. */
  const person = async (
    who: string,
    roles: string[],
    memberId: string | null = null,
    teamId: string | null = null,
  ) => {
    const account = await stackOf().user(roles, memberId, teamId);
    accounts.set(who, account);
    tokens.set(who, await stackOf().login(account.username, account.password));
  };
  const signInAgain = async () => {
    for (const [who, { username, password }] of accounts) {
      tokens.set(who, await stackOf().login(username, password));
    }
  };
  /** The stack's clock runs on from `at`; everyone signs in again. */
  const moveClockTo = async (at: Date) => {
    stackOf().runClockFrom(at);
    await signInAgain();
  };

  /** A POST as `who`; with `version`, the If-Match it is made against. */
  const post = (who: string, path: string, body: object = {}, version?: number) =>
    gateway.post(tokenOf(who), path, body, version);
  const get = (who: string, path: string) => gateway.get(tokenOf(who), path);

  return { person, signInAgain, moveClockTo, post, get };
}
