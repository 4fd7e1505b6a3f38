/** A stable error code's HTTP status and the title problem+json shows. */
export interface ErrorEntry {
  readonly status: number;
  readonly title: string;
}

/**
 * Every catalog of error codes, by owner. The shared catalog is declared here; each service's
 * contracts library adds its own by declaration merging:
 *
 *   declare module '@salesops/contract-kit' {
 *     interface ErrorCatalogs { members: typeof membersErrors }
 *   }
 *
 * so `ErrorCode` is the union of the codes a compilation can see, and `new DomainError('X')`
 * does not compile for a code no catalog declares.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface ErrorCatalogs {}

export type ErrorCode = {
  [Owner in keyof ErrorCatalogs]: keyof ErrorCatalogs[Owner] & string;
}[keyof ErrorCatalogs];

const registered = new Map<string, ErrorEntry>();

/**
 * Declares an owner's codes and makes their statuses known at run time to whoever loads the
 * catalog (every process loads the contracts it serves or calls). A code has one owner.
 */
export function defineErrors<const Catalog extends Record<string, ErrorEntry>>(
  catalog: Catalog,
): Catalog {
  for (const [code, entry] of Object.entries(catalog)) {
    const known = registered.get(code);
    if (known && (known.status !== entry.status || known.title !== entry.title)) {
      throw new Error(`Error code ${code} is declared twice, differently`);
    }
    registered.set(code, entry);
  }
  return catalog;
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && registered.has(value);
}

const UNKNOWN_CODE: ErrorEntry = { status: 500, title: 'Internal error' };

/** The entry of a code; a code whose catalog this process never loaded is an internal error. */
export function errorEntryOf(code: ErrorCode): ErrorEntry {
  return registered.get(code) ?? UNKNOWN_CODE;
}
