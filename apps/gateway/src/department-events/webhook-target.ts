import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/** Where a webhook may not point (SSRF): loopback, private, link-local, and the like. */
const REFUSED = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  REFUSED.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  REFUSED.addSubnet(network, prefix, 'ipv6');
}

export function isRefusedAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  if (family === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped) return REFUSED.check(mapped[1] as string, 'ipv4');
    return REFUSED.check(address, 'ipv6');
  }
  return REFUSED.check(address, 'ipv4');
}

export type TargetVerdict = { ok: true } | { ok: false; reason: string };

/**
 * Whether a webhook may be sent to `url`: HTTPS, and every address its host resolves to public.
 * `allowPrivate` (WEBHOOK_ALLOW_PRIVATE, for tests and local receivers) allows plain HTTP and
 * private addresses. Checked when the subscription is made and again before every attempt (a
 * name may resolve elsewhere later).
 */
export async function checkTarget(url: string, allowPrivate: boolean): Promise<TargetVerdict> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, reason: 'not a URL' };
  }
  if (parsed.protocol !== 'https:' && !(allowPrivate && parsed.protocol === 'http:')) {
    return { ok: false, reason: 'must be https' };
  }
  if (parsed.username || parsed.password) return { ok: false, reason: 'must carry no credentials' };
  if (allowPrivate) return { ok: true };
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = isIP(host)
      ? [host]
      : (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);
  } catch {
    return { ok: false, reason: 'its host does not resolve' };
  }
  if (addresses.length === 0 || addresses.some(isRefusedAddress)) {
    return { ok: false, reason: 'resolves to a loopback, private or link-local address' };
  }
  return { ok: true };
}
