import { lookup } from 'node:dns/promises';
import type { LookupAddress } from 'node:dns';
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
  // NAT64 and IPv4-compatible forms can reach IPv4 networks behind them. (IPv4-mapped ones are
  // checked as the IPv4 address they carry: a BlockList checks IPv4 as ::ffff:0:0/96.)
  ['64:ff9b::', 96],
  ['::', 96],
] as const) {
  REFUSED.addSubnet(network, prefix, 'ipv6');
}

export function isRefusedAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  if (family === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped) return REFUSED.check(mapped[1] as string, 'ipv4');
    const hex = /^::ffff:([\da-f]{1,4}):([\da-f]{1,4})$/i.exec(address);
    if (hex) {
      const [high, low] = [parseInt(hex[1] as string, 16), parseInt(hex[2] as string, 16)];
      return REFUSED.check(`${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`, 'ipv4');
    }
    return REFUSED.check(address, 'ipv6');
  }
  return REFUSED.check(address, 'ipv4');
}

export type TargetVerdict = { ok: true } | { ok: false; reason: string };

/** Where a delivery connects: the URL and the addresses its host resolved to, all checked. */
export type PinnedTarget =
  | { ok: true; url: URL; addresses: string[] }
  | { ok: false; reason: string };

/** Every address a host name resolves to (a test gives its own, to play DNS rebinding). */
export type Resolver = (host: string) => Promise<string[]>;

export const systemResolver: Resolver = async (host) =>
  (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);

function parseTarget(url: string, allowPrivate: boolean): URL | string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'not a URL';
  }
  if (parsed.protocol !== 'https:' && !(allowPrivate && parsed.protocol === 'http:')) {
    return 'must be https';
  }
  if (parsed.username || parsed.password) return 'must carry no credentials';
  return parsed;
}

async function addressesOf(
  url: URL,
  allowPrivate: boolean,
  resolve: Resolver,
): Promise<string[] | string> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : await resolve(host);
  } catch {
    return 'its host does not resolve';
  }
  if (addresses.length === 0) return 'its host does not resolve';
  if (!allowPrivate && addresses.some(isRefusedAddress)) {
    return 'resolves to a loopback, private or link-local address';
  }
  return addresses;
}

/**
 * Whether a webhook may be made for `url`: HTTPS, and every address its host resolves to public.
 * `allowPrivate` (WEBHOOK_ALLOW_PRIVATE, for tests and local receivers) allows plain HTTP and
 * private addresses. Each delivery checks again, and pins what it checked (pinTarget).
 */
export async function checkTarget(
  url: string,
  allowPrivate: boolean,
  resolve: Resolver = systemResolver,
): Promise<TargetVerdict> {
  const parsed = parseTarget(url, allowPrivate);
  if (typeof parsed === 'string') return { ok: false, reason: parsed };
  if (allowPrivate) return { ok: true };
  const addresses = await addressesOf(parsed, allowPrivate, resolve);
  return typeof addresses === 'string' ? { ok: false, reason: addresses } : { ok: true };
}

/**
 * A delivery's target: its host resolved once, every address checked, and those addresses are the
 * only ones the connection may use (lookupPinnedTo). A name that resolves elsewhere a moment later
 * (DNS rebinding) reaches nothing new: the request never asks DNS again.
 */
export async function pinTarget(
  url: string,
  allowPrivate: boolean,
  resolve: Resolver = systemResolver,
): Promise<PinnedTarget> {
  const parsed = parseTarget(url, allowPrivate);
  if (typeof parsed === 'string') return { ok: false, reason: parsed };
  const addresses = await addressesOf(parsed, allowPrivate, resolve);
  if (typeof addresses === 'string') return { ok: false, reason: addresses };
  return { ok: true, url: parsed, addresses };
}

type LookupAnswer = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A `lookup` for http(s).request that answers with the checked addresses only, whatever name it is
 * asked: the socket connects to them while the Host header and TLS server name stay the URL's.
 */
export function lookupPinnedTo(addresses: readonly string[]) {
  const entries = addresses.map((address) => ({ address, family: isIP(address) }));
  return (_host: string, options: { all?: boolean }, answer: LookupAnswer): void => {
    if (options.all) answer(null, entries);
    else answer(null, entries[0]?.address ?? '', entries[0]?.family ?? 4);
  };
}
