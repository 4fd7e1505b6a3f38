import type { ContactKind } from './field-classes';

/** `13812345678` → `138****5678`; a Chinese number in E.164 shows its national form. */
function maskPhone(value: string): string {
  const digits = value.replace(/^\+86/, '').replace(/\D/g, '');
  if (digits.length < 7) return '****';
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}

/** `zhang.wei@example.com` → `z***@example.com`. */
function maskEmail(value: string): string {
  const at = value.indexOf('@');
  if (at < 1) return '***';
  return `${value[0]}***${value.slice(at)}`;
}

/** `wx_zhangwei9` → `w***9`. */
function maskWechat(value: string): string {
  if (value.length < 2) return '*****';
  return `${value[0]}***${value.slice(-1)}`;
}

/** An address shows its city only: the first comma-separated part. */
function maskAddress(value: string): string {
  return value.split(/[,，]/)[0]?.trim() ?? '';
}

/** A birthday shows its month only: `1990-05-17` → `05`. */
function maskBirthday(value: string): string {
  if (/^(\d{2}|\*\*)$/.test(value)) return value;
  return /^\d{4}-(\d{2})/.exec(value)?.[1] ?? '**';
}

export const MASKS: Record<ContactKind, (value: string) => string> = {
  phone: maskPhone,
  email: maskEmail,
  wechat: maskWechat,
  address: maskAddress,
  birthday: maskBirthday,
};

/**
 * Whether a contact value as shown is masked. Every mask leaves a masked value as it is, so a
 * value its mask would change was shown in clear.
 */
export function isMaskedContact(kind: ContactKind, value: unknown): boolean {
  return typeof value !== 'string' || MASKS[kind](value) === value;
}
