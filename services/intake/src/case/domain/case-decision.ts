import type { CaseAmended } from './amendment';
import type { CaseWithdrawn } from './withdrawal';

/** What a command on an existing case decided: the repository saves it with its event. */
export type CaseDecision = CaseAmended | CaseWithdrawn;
