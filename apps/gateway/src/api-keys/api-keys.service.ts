import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Logger } from 'pino';

import { type Permission, permissionSchema } from '@salesops/policy';
import { DomainError, type IdentityClaims } from '@salesops/rpc';
import { LOGGER, NATS_CONNECTION } from '@salesops/service-runtime';

import { AuditTrail } from '../audit/audit-trail';
import { hashToken } from '../auth/sessions.service';
import { IdentityResolver } from '../auth/identity.resolver';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway-config';
import type { ApiKey } from '../generated/prisma/client';
import type { ApiKeyView } from './api-key.schemas';
import { ApiKeysRepository } from './api-keys.repository';

const KEY_FORMAT = /^sk_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/;
/**
 * Gateway instances tell each other of revoked keys, so each refuses them at once (the recheck of
 * `credentialRecheckMs` is the fallback for a missed message).
 */
const KEY_REVOKED_SUBJECT = 'salesops.gateway.api-key.revoked';
const TOUCH_EVERY_MS = 60_000;

/**
 * API keys: made and listed by an administrator; each instance keeps what it read of a key for
 * `credentialRecheckMs`, and a revocation reaches every instance at once over NATS.
 */
@Injectable()
export class ApiKeysService implements OnModuleInit, OnModuleDestroy {
  private readonly known = new Map<string, { key: ApiKey; checkedAt: number; touchedAt: number }>();
  private subscription?: Subscription;
  /** Counts revocations heard: a read that a revocation overtook is used once, not kept. */
  private forgotten = 0;

  constructor(
    @Inject(ApiKeysRepository) private readonly keys: ApiKeysRepository,
    @Inject(IdentityResolver) private readonly identities: IdentityResolver,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(AuditTrail) private readonly audit: AuditTrail,
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  onModuleInit(): void {
    this.subscription = this.nats.subscribe(KEY_REVOKED_SUBJECT, {
      callback: (error, message) => {
        if (error) return;
        this.forget(message.string());
      },
    });
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
  }

  async create(
    input: { name: string; scopes: Permission[]; teamId: string | null },
    createdBy: string,
    requestId: string,
  ): Promise<ApiKeyView & { key: string }> {
    const prefix = randomBytes(9)
      .toString('base64url')
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '0')
      .slice(0, 12);
    const secret = randomBytes(32).toString('base64url');
    const key = await this.keys.create({
      ...input,
      prefix,
      secretHash: hashToken(secret),
      createdBy,
    });
    await this.audit.record('api-key.created', {
      actor: createdBy,
      requestId,
      subject: key.id,
      details: { name: key.name, scopes: key.scopes, teamId: key.teamId },
    });
    return { ...toView(key), key: `sk_${prefix}_${secret}` };
  }

  async list(): Promise<ApiKeyView[]> {
    return (await this.keys.list()).map(toView);
  }

  async get(id: string): Promise<ApiKeyView> {
    const key = await this.keys.findById(id);
    if (!key) throw new DomainError('NOT_FOUND', 'No such key');
    return toView(key);
  }

  async revoke(id: string, actor: string, requestId: string): Promise<void> {
    if (!(await this.keys.revoke(id))) throw new DomainError('NOT_FOUND', 'No such active key');
    this.forget(id);
    this.nats.publish(KEY_REVOKED_SUBJECT, id);
    await this.audit.record('api-key.revoked', { actor, requestId, subject: id });
  }

  private forget(id: string): void {
    this.forgotten += 1;
    for (const [prefix, entry] of this.known) if (entry.key.id === id) this.known.delete(prefix);
  }

  /** The identity of a request made with a key: its scopes, and its team subtree or the company. */
  async authenticate(raw: string, requestId: string): Promise<IdentityClaims> {
    const match = KEY_FORMAT.exec(raw);
    const key = match ? await this.lookup(match[1] as string) : undefined;
    if (
      !match ||
      !key ||
      key.revokedAt ||
      !sameHash(key.secretHash, hashToken(match[2] as string))
    ) {
      throw new DomainError('UNAUTHENTICATED', 'The API key is not valid');
    }
    return this.identities.resolveKey(
      {
        id: key.id,
        teamId: key.teamId,
        scopes: key.scopes.flatMap((scope) => parsePermission(scope)),
      },
      requestId,
    );
  }

  private async lookup(prefix: string): Promise<ApiKey | undefined> {
    const now = Date.now();
    let entry = this.known.get(prefix);
    if (!entry || now - entry.checkedAt > this.config.credentialRecheckMs) {
      const heard = this.forgotten;
      const key = await this.keys.findByPrefix(prefix);
      if (!key) return undefined;
      entry = { key, checkedAt: now, touchedAt: entry?.touchedAt ?? 0 };
      if (heard === this.forgotten) this.known.set(prefix, entry);
      else this.known.delete(prefix);
    }
    if (now - entry.touchedAt > TOUCH_EVERY_MS) {
      entry.touchedAt = now;
      this.keys.touch(entry.key.id).catch((error: unknown) => {
        this.logger.warn({ err: error }, 'could not record key use');
      });
    }
    return entry.key;
  }
}

function sameHash(stored: string, presented: string): boolean {
  const a = Buffer.from(stored, 'hex');
  const b = Buffer.from(presented, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

function parsePermission(scope: string): Permission[] {
  const parsed = permissionSchema.safeParse(scope);
  return parsed.success ? [parsed.data] : [];
}

function toView(key: ApiKey): ApiKeyView {
  return {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    scopes: key.scopes.flatMap((scope) => parsePermission(scope)),
    teamId: key.teamId,
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
  };
}
