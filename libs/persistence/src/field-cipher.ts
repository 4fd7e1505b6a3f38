import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { z } from 'zod';

const FORMAT = 'v2';
/** Values sealed before they were bound to their place: readable until re-encrypted. */
const UNBOUND_FORMAT = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Where a sealed value lives: bound into it, so a value copied to another row or field no longer opens. */
export interface SealedFieldPlace {
  table: string;
  field: string;
  rowId: string;
}

/**
 * Authenticated encryption (AES-256-GCM, 16-byte tag) of confidential fields at rest. Each value
 * names the key that sealed it (`v2.<key id>.<iv>.<tag>.<ciphertext>`), so keys rotate without
 * downtime: new values use the active key, old ones stay readable until re-encrypted. The key id,
 * table, field and row id are the associated data. Equality search uses a keyed hash (blind
 * index), never the clear value.
 */
export class FieldCipher {
  constructor(
    private readonly keys: ReadonlyMap<string, Buffer>,
    private readonly activeKeyId: string,
    /** Only for values that are searched by equality. */
    private readonly indexKey?: Buffer,
  ) {
    const active = keys.get(activeKeyId);
    if (!active || active.length !== 32)
      throw new Error(`the active key ${activeKeyId} must be 32 bytes`);
    if (indexKey && indexKey.length < 32)
      throw new Error('the index key must be at least 32 bytes');
  }

  /** Reads `id:base64,id:base64` as a key ring. */
  static parseKeys(value: string): Map<string, Buffer> {
    return new Map(
      value.split(',').map((pair) => {
        const [id, key] = pair.split(':');
        if (!id || !key) throw new Error('keys read id:base64,id:base64');
        return [id, Buffer.from(key, 'base64')];
      }),
    );
  }

  encrypt(plain: string, place: SealedFieldPlace): string {
    const iv = randomBytes(IV_BYTES);
    const key = this.keys.get(this.activeKeyId) as Buffer;
    const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(associatedData(this.activeKeyId, place));
    const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [FORMAT, this.activeKeyId, iv, cipher.getAuthTag(), sealed]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join('.');
  }

  /** The clear value; throws when the value was tampered with, moved, or its key is unknown. */
  decrypt(stored: string, place: SealedFieldPlace): string {
    const [format, keyId, iv, tag, sealed] = stored.split('.');
    const key = keyId ? this.keys.get(keyId) : undefined;
    const authTag = tag === undefined ? undefined : Buffer.from(tag, 'base64url');
    if (
      (format !== FORMAT && format !== UNBOUND_FORMAT) ||
      !key ||
      !iv ||
      authTag?.length !== TAG_BYTES ||
      sealed === undefined
    ) {
      throw new Error('not a value this cipher can open');
    }
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'), {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(
      format === FORMAT ? associatedData(keyId as string, place) : Buffer.from(keyId as string),
    );
    decipher.setAuthTag(authTag);
    return Buffer.concat([
      decipher.update(Buffer.from(sealed, 'base64url')),
      decipher.final(),
    ]).toString('utf8');
  }

  isSealed(stored: string): boolean {
    return stored.startsWith(`${FORMAT}.`) || stored.startsWith(`${UNBOUND_FORMAT}.`);
  }

  /** Sealed with a key other than the active one, unbound, or not sealed at all. */
  needsRotation(stored: string): boolean {
    return !stored.startsWith(`${FORMAT}.${this.activeKeyId}.`);
  }

  /** A keyed hash for equality search: the same for equal values, useless without the key. */
  blindIndex(plain: string): string {
    if (!this.indexKey) throw new Error('this cipher has no index key');
    return createHmac('sha256', this.indexKey).update(plain.normalize('NFKC')).digest('base64url');
  }
}

function associatedData(keyId: string, { table, field, rowId }: SealedFieldPlace): Buffer {
  return Buffer.from(JSON.stringify([FORMAT, keyId, table, field, rowId]));
}

const base64 = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/, 'must be base64');

const KEY_RING = /^[\w-]+:[A-Za-z0-9+/]+={0,2}(,[\w-]+:[A-Za-z0-9+/]+={0,2})*$/;

/** The contact-data keys of a service: a key ring, the key new values use, and the index key. */
export const contactKeysEnvSchema = z
  .object({
    CONTACT_KEYS: z
      .string({ error: 'is required: id:base64-32-byte-key[,id:key...]' })
      .regex(KEY_RING, 'must read id:base64,id:base64'),
    CONTACT_ACTIVE_KEY: z.string({ error: 'is required: the id of the key new values use' }),
    CONTACT_INDEX_KEY: base64,
  })
  .transform((env, context) => {
    try {
      return new FieldCipher(
        FieldCipher.parseKeys(env.CONTACT_KEYS),
        env.CONTACT_ACTIVE_KEY,
        Buffer.from(env.CONTACT_INDEX_KEY, 'base64'),
      );
    } catch (error) {
      context.addIssue({
        code: 'custom',
        path: ['CONTACT_KEYS'],
        message: (error as Error).message,
      });
      return z.NEVER;
    }
  });

/** A key ring for secrets the service must read back but never search, under `<prefix>_KEYS`. */
export function secretKeysEnvSchema(prefix: string) {
  const keys = `${prefix}_KEYS`;
  const active = `${prefix}_ACTIVE_KEY`;
  return z
    .object({
      [keys]: z
        .string({ error: 'is required: id:base64-32-byte-key[,id:key...]' })
        .regex(KEY_RING, 'must read id:base64,id:base64'),
      [active]: z.string({ error: 'is required: the id of the key new values use' }),
    })
    .transform((env: Record<string, string>, context) => {
      try {
        return new FieldCipher(FieldCipher.parseKeys(env[keys] ?? ''), env[active] ?? '');
      } catch (error) {
        context.addIssue({ code: 'custom', path: [keys], message: (error as Error).message });
        return z.NEVER;
      }
    });
}
