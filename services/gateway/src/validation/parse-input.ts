import type { z } from '@mediation/config';
import { badRequest, type FieldError } from '../problems/problem';

/** "parties[0].name" from zod's ["parties", 0, "name"]. */
export function fieldPath(path: readonly PropertyKey[], prefix = ''): string {
  let out = prefix;
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(body)';
}

export function fieldErrors(error: z.ZodError, prefix = ''): FieldError[] {
  return error.issues.map((issue) => ({
    field: fieldPath(issue.path, prefix),
    description: issue.message,
  }));
}

/**
 * Validates one part of a request at the edge. A failure is a 400 problem with every field error
 * at once, and nothing is sent to the services.
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  prefix = '',
): z.infer<S> {
  const result = schema.safeParse(value ?? {});
  if (!result.success) throw badRequest(fieldErrors(result.error, prefix));
  return result.data;
}
