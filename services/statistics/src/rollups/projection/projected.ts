import type { Contribution } from '../domain/contribution';
import type { SessionFact } from './session-facts';

/** One event's outcome: the aggregate's next state and what it adds to the rollups. */
export interface Projected<S> {
  state: S;
  contributions: Contribution[];
  /** A new dispute was counted: the early-warning check looks at its unit and category. */
  openedCase?: boolean;
  /** Half of a session join (reminded before the session, attended or not): SessionLinks. */
  sessionFact?: SessionFact;
}
