import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';

import { type Page, toPage } from '@salesops/persistence';
import { type GrantedRole, GRANTED_ROLES, present, roleOfPosition } from '@salesops/policy';
import { DomainError, type ErrorCode, type IdentityClaims } from '@salesops/rpc';

import { AuditTrail } from '../audit/audit-trail';
import { hashPassword } from '../auth/password-hasher';
import { hashToken, SessionsService } from '../auth/sessions.service';
import type { User } from '../generated/prisma/client';
import type { RequestOrigin } from '../http/call-context.decorator';
import {
  type AccountAction,
  accountAccess,
  accountReach,
  type AccountSubject,
} from './account-access';
import { MemberFactsReader } from './member-facts';
import { passwordProblem } from './password-policy';
import { UserAccountsRepository } from './user-accounts.repository';
import { toUserView } from './user.mapper';
import type { UserView } from './user.schemas';

export type ShownUser = Partial<UserView>;
export type ShownUserWithToken = ShownUser & { activationToken: string };

/** An activation token lives 72 hours; only its hash is kept. */
export const ACTIVATION_TTL_MS = 72 * 3_600_000;

const newActivationToken = () => randomBytes(32).toString('base64url');

/**
 * Accounts for people. One is made for a member (its role is the member's position) with a
 * one-time activation token, which its owner exchanges for a password. Administrators grant roles
 * beyond the position; administrators and HR disable and reset; every change is in the audit
 * trail and ends the account's sessions.
 */
@Injectable()
export class UsersService {
  constructor(
    @Inject(UserAccountsRepository) private readonly accounts: UserAccountsRepository,
    @Inject(MemberFactsReader) private readonly members: MemberFactsReader,
    @Inject(SessionsService) private readonly sessions: SessionsService,
    @Inject(AuditTrail) private readonly audit: AuditTrail,
  ) {}

  async create(
    input: { memberId: string; username: string },
    identity: IdentityClaims,
    requestId: string,
  ): Promise<ShownUserWithToken> {
    const member = await this.members.read(input.memberId, requestId);
    const role = roleOfPosition(member.position);
    const roles = role ? [role] : [];
    this.assertAccess(
      identity,
      { id: null, memberId: member.id, teamId: member.teamId, roles },
      'manage',
      'MEMBER_NOT_FOUND',
    );
    if (member.status === 'departed') throw new DomainError('MEMBER_ALREADY_DEPARTED');
    const token = newActivationToken();
    const outcome = await this.accounts.createForMember({
      username: input.username,
      memberId: member.id,
      teamId: member.teamId,
      roles,
      active: member.status !== 'suspended',
      activationTokenHash: hashToken(token),
      activationExpiresAt: new Date(Date.now() + ACTIVATION_TTL_MS),
    });
    if ('refused' in outcome) throw new DomainError(outcome.refused);
    const user = outcome.created;
    await this.audit.record('user.created', {
      actor: identity.caller.id,
      subject: user.id,
      requestId,
      details: { memberId: member.id, username: user.username, roles },
    });
    return { ...this.show(user, identity), activationToken: token };
  }

  async list(
    query: { limit: number; cursor?: string; memberId?: string; username?: string },
    identity: IdentityClaims,
  ): Promise<Page<ShownUser>> {
    const rows = await this.accounts.list(
      accountReach(identity),
      { memberId: query.memberId, username: query.username },
      query,
    );
    const page = toPage(rows, query.limit, (user) => user.username);
    return { ...page, items: page.items.map((user) => this.show(user, identity)) };
  }

  async get(id: string, identity: IdentityClaims): Promise<ShownUser> {
    return this.show(await this.account(id, identity, 'read'), identity);
  }

  /** Grants replace the roles granted before; the position's role stays. */
  async setGrants(
    id: string,
    requested: GrantedRole[],
    identity: IdentityClaims,
    requestId: string,
  ): Promise<ShownUser> {
    const user = await this.account(id, identity, 'grant');
    if (user.disabledAt) throw new DomainError('USER_DISABLED');
    const ofPosition = user.roles.filter((role) => !user.grants.includes(role));
    const grants = GRANTED_ROLES.filter(
      (role) => requested.includes(role) && !ofPosition.includes(role),
    );
    const updated = await this.accounts.setRoles(user, [...ofPosition, ...grants], grants);
    if (!updated) throw new DomainError('CONFLICT', 'The user changed meanwhile; try again');
    await this.sessions.endForUser(user.id, 'roles changed');
    await this.audit.record('user.grants.changed', {
      actor: identity.caller.id,
      subject: user.id,
      requestId,
      details: { grants, before: user.grants },
    });
    return this.show(updated, identity);
  }

  async disable(id: string, identity: IdentityClaims, requestId: string): Promise<ShownUser> {
    const user = await this.account(id, identity, 'manage');
    if (user.disabledAt) return this.show(user, identity);
    const disabled = await this.accounts.disable(user.id);
    await this.sessions.endForUser(user.id, 'user disabled');
    await this.audit.record('user.disabled', {
      actor: identity.caller.id,
      subject: user.id,
      requestId,
      details: { reason: 'disabled by a user manager' },
    });
    return this.show(disabled, identity);
  }

  /** A new activation token; the password and every session end. */
  async reset(
    id: string,
    identity: IdentityClaims,
    requestId: string,
  ): Promise<ShownUserWithToken> {
    const user = await this.account(id, identity, 'manage');
    if (user.disabledAt) throw new DomainError('USER_DISABLED');
    const token = newActivationToken();
    const reset = await this.accounts.reset(
      user.id,
      hashToken(token),
      new Date(Date.now() + ACTIVATION_TTL_MS),
    );
    if (!reset) throw new DomainError('USER_DISABLED');
    await this.sessions.endForUser(user.id, 'user reset');
    await this.audit.record('user.reset', {
      actor: identity.caller.id,
      subject: user.id,
      requestId,
    });
    return { ...this.show(reset, identity), activationToken: token };
  }

  /** The owner of an activation token sets their password; the token works once. */
  async activate(
    input: { activationToken: string; password: string },
    origin: RequestOrigin,
  ): Promise<void> {
    const tokenHash = hashToken(input.activationToken);
    const now = new Date();
    const user = await this.accounts.findByActivationToken(tokenHash, now);
    if (!user) throw new DomainError('INVALID_ACTIVATION_TOKEN');
    const problem = passwordProblem(input.password, user.username);
    if (problem) {
      throw new DomainError('VALIDATION_FAILED', `The password ${problem}`, undefined, [
        { path: 'body.password', message: problem },
      ]);
    }
    const passwordHash = await hashPassword(input.password);
    if (!(await this.accounts.activate(user.id, tokenHash, passwordHash, now))) {
      throw new DomainError('INVALID_ACTIVATION_TOKEN');
    }
    await this.audit.record('user.activated', {
      actor: user.id,
      subject: user.id,
      requestId: origin.requestId,
      details: { ip: origin.ip },
    });
  }

  private async account(
    id: string,
    identity: IdentityClaims,
    action: AccountAction,
  ): Promise<User> {
    const user = await this.accounts.findById(id);
    if (!user) throw new DomainError('USER_NOT_FOUND');
    this.assertAccess(identity, user, action, 'USER_NOT_FOUND');
    return user;
  }

  private assertAccess(
    identity: IdentityClaims,
    account: AccountSubject,
    action: AccountAction,
    notFound: ErrorCode,
  ): void {
    switch (accountAccess(identity, account, action)) {
      case 'allowed':
        return;
      case 'not-found':
        throw new DomainError(notFound);
      case 'self':
        throw new DomainError('SELF_DECISION', 'Nobody manages or grants roles to their own user');
      case 'above-authority':
        throw new DomainError(
          'ABOVE_OWN_AUTHORITY',
          action === 'grant'
            ? 'Only an administrator grants roles'
            : 'This account is managed by an administrator',
        );
    }
  }

  /** Through the one policy: a field without a class never reaches anyone but an administrator. */
  private show(user: User, identity: IdentityClaims): ShownUser {
    return present('user', toUserView(user), {
      roles: identity.caller.roles,
      isOwner: false,
      inScope: true,
      sameTeam: false,
    });
  }
}
