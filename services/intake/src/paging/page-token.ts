// Opaque cursor of intake's time-ordered lists (cases by registration, read-audit entries by
// read time): the sort key (time, id) of the last item returned, newest first.

export interface Cursor {
  at: Date;
  id: string;
}

export function encodePageToken(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.at.getTime(), c.id])).toString('base64url');
}

/** The cursor, or undefined when the token was not made by encodePageToken. */
export function decodePageToken(token: string): Cursor | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 2) return undefined;
    const [millis, id] = value as unknown[];
    if (typeof millis !== 'number' || !Number.isFinite(millis)) return undefined;
    if (typeof id !== 'string' || !/^[0-9a-f-]{36}$/.test(id)) return undefined;
    return { at: new Date(millis), id };
  } catch {
    return undefined;
  }
}
