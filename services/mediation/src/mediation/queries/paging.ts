import type { commonV1 } from '@mediation/contracts';
import { InvalidInputError } from '@mediation/domain-kit';

/** Offset paging: the token is the next offset. */
export function page(req: commonV1.PageRequest | null | undefined): {
  offset: number;
  size: number;
} {
  const size = Math.min(Math.max(req?.pageSize || 50, 1), 500);
  const offset = Number(req?.pageToken || 0);
  if (!Number.isSafeInteger(offset) || offset < 0)
    throw new InvalidInputError('page.page_token', 'invalid token');
  return { offset, size };
}

export const nextToken = (offset: number, size: number, total: number) =>
  offset + size < total ? String(offset + size) : '';
