import type { z } from '@mediation/config';
import { checkTextTree } from '@mediation/service-kit';
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
  return error.issues.flatMap((issue) =>
    // A strict object names its unknown keys on the object: name each key's own path.
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({
          field: fieldPath([...issue.path, key], prefix),
          description: 'unknown field',
        }))
      : [{ field: fieldPath(issue.path, prefix), description: issue.message }],
  );
}

/** Base64 content is checked by its schema (alphabet and size), not as text. */
const BINARY_FIELDS = new Set(['contentBase64']);

/**
 * Validates one part of a request at the edge. A failure is a 400 problem with every field error
 * at once, and nothing is sent to the services.
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  prefix = '',
): z.infer<S> {
  const input = value ?? {};
  // Text safety first (libs/service-kit text-safety): unsafe names refused, free text cleaned.
  const unsafe = checkTextTree(input, (path) => fieldPath(path, prefix), {
    skip: (key) => BINARY_FIELDS.has(key),
  });
  if (unsafe.length > 0) throw badRequest(unsafe);
  const result = schema.safeParse(input);
  if (!result.success) throw badRequest(fieldErrors(result.error, prefix));
  return result.data;
}
