import type { DimensionKeys } from '../domain/contribution';

/**
 * What one event tells about a session's parties, for the reminded / not reminded split. The two
 * halves come from different aggregates (the mediation records the session, a delivery reminds a
 * party of it) and topics, in either order: SessionLinks joins them per session.
 */
export type SessionFact =
  | {
      kind: 'held';
      sessionId: string;
      /** Party id -> attended (true) or did not show (false). */
      parties: Record<string, boolean>;
      /** Where and when the session counts: the handler's unit at the time, and its keys. */
      orgUnitCode: string;
      keys: DimensionKeys;
      atMs: number;
      /** A reminder sent after this did not remind of it. */
      heldAtMs: number;
    }
  | { kind: 'reminded'; sessionId: string; partyId: string; sentAtMs: number };
