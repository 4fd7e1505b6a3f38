import type { z } from 'zod';

import {
  CUSTOMER_IMPORT_COLUMNS,
  createCustomerInputSchema,
  type importRowValuesSchema,
} from '@salesops/customers-contracts';
import type { FieldError } from '@salesops/rpc';

export type ImportRowValues = z.output<typeof importRowValuesSchema>;
export type ImportedInput = z.output<typeof createCustomerInputSchema>;

/**
 * A CSV row as a create request: empty cells are left out (the defaults apply), tags are `;`
 * separated. A row that does not make one is its field errors, named by column.
 */
export function inputOfRow(
  values: ImportRowValues,
): { input: ImportedInput } | { errors: FieldError[] } {
  const given: Record<string, unknown> = {};
  for (const column of CUSTOMER_IMPORT_COLUMNS) {
    const value = values[column]?.trim();
    if (!value) continue;
    given[column] =
      column === 'tags'
        ? value
            .split(';')
            .map((tag) => tag.trim())
            .filter(Boolean)
        : value;
  }
  const parsed = createCustomerInputSchema.safeParse(given);
  if (parsed.success) return { input: parsed.data };
  return {
    errors: parsed.error.issues.map((issue) => ({
      path: issue.path.join('.') || 'row',
      message: issue.message,
    })),
  };
}
