/**
 * What a keyed request is unique by, as stored: the caller, the key (and, for a document, its
 * case) joined by U+001F, the unit separator, which no part holds (keys are validated text without
 * control characters). It used to be U+0000, which PostgreSQL's jsonb cannot hold: FerretDB on
 * PostgreSQL refused the whole document ("unsupported Unicode escape sequence").
 */
const SEPARATOR = '\u001f';
/** The separator of scopes stored before (U+0000). */
const EARLIER_SEPARATOR = '\u0000';

export const idempotencyScope = (...parts: string[]): string => parts.join(SEPARATOR);

/** Whether a stored scope is `scope`, also when it was stored with the earlier separator. */
export const sameScope = (stored: string, scope: string): boolean =>
  stored === scope || stored === scope.split(SEPARATOR).join(EARLIER_SEPARATOR);
