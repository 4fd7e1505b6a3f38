import { createHmac } from 'node:crypto';

/**
 * The per-service keys that bind each call to a cached identity (HMAC-SHA256). Each service holds
 * only its own key (`<SERVICE>_IDENTITY_CALL_KEY`); the gateway holds the secret they are derived
 * from (`IDENTITY_CALL_SECRET`), so no service can bind a call for another.
 */
export function deriveCallKey(secret: Buffer, service: string): Buffer {
  return createHmac('sha256', secret).update(`salesops identity call key v1 ${service}`).digest();
}

/** The keys a signer binds calls with, derived once per service. */
export class CallKeys {
  private readonly keys = new Map<string, Buffer>();

  constructor(private readonly secret: Buffer) {}

  keyFor(service: string): Buffer {
    let key = this.keys.get(service);
    if (!key) {
      key = deriveCallKey(this.secret, service);
      this.keys.set(service, key);
    }
    return key;
  }
}
