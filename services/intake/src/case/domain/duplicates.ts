// Cross-channel duplicate detection: a case registered within DUPLICATE_WINDOW_DAYS of an earlier
// case of the same dispute (a shared dispute key, see dispute-keys.ts) is linked to that earlier
// case as its duplicate; the earliest match in the window is the original.

const DAY_MS = 86_400_000;

export interface DuplicatePolicy {
  /** DUPLICATE_WINDOW_DAYS: how far back an earlier registration counts as the original. */
  windowDays: number;
}

/** The registration times an original may have for a case registered at `at`. */
export interface DuplicateSearch {
  since: Date;
  /** Set for a backfilled registration: it is not the duplicate of a case registered after it. */
  until?: Date;
}

export function duplicateSearch(
  at: Date,
  backfilled: boolean,
  policy: DuplicatePolicy,
): DuplicateSearch {
  return {
    since: new Date(at.getTime() - policy.windowDays * DAY_MS),
    until: backfilled ? at : undefined,
  };
}

/** Which of the candidates found for a case's keys is its original: the earliest in the window. */
export function originalOf<T extends { registeredAt: Date }>(
  candidates: (T | null | undefined)[],
  search: DuplicateSearch,
): T | undefined {
  let found: T | undefined;
  for (const c of candidates)
    if (
      c &&
      c.registeredAt >= search.since &&
      (!search.until || c.registeredAt <= search.until) &&
      (!found || c.registeredAt < found.registeredAt)
    )
      found = c;
  return found;
}
