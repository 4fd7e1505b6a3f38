/** PostgreSQL cancelled the statement because it ran past `statement_timeout` (SQLSTATE 57014). */
export function isStatementTimeout(error: unknown): boolean {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length > 0) {
    const found = queue.shift();
    if (typeof found !== 'object' || found === null || seen.has(found)) continue;
    seen.add(found);
    const { code, originalCode, message, cause, meta } = found as {
      code?: unknown;
      originalCode?: unknown;
      message?: unknown;
      cause?: unknown;
      meta?: { driverAdapterError?: unknown };
    };
    if (code === '57014' || originalCode === '57014') return true;
    if (typeof message === 'string' && /statement timeout/i.test(message)) return true;
    queue.push(cause, meta?.driverAdapterError);
  }
  return false;
}
