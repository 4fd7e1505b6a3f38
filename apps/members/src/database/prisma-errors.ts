/**
 * True for a unique-constraint violation, optionally on a given field: P2002 from Prisma's model
 * queries, or the driver's UniqueConstraintViolation inside P2010 from a raw one.
 */
export function isUniqueViolation(error: unknown, field?: string): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, meta } = error as { code?: unknown; meta?: { target?: unknown } };
  const unique =
    code === 'P2002' ||
    (code === 'P2010' && JSON.stringify(meta ?? {}).includes('"UniqueConstraintViolation"'));
  if (!unique) return false;
  if (!field) return true;
  return JSON.stringify(meta ?? {}).includes(field);
}
