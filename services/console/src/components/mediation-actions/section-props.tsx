import type { ReactNode } from 'react';
import type { Option } from './form-helpers';
import type { MediationDetail, Party } from './mediation-detail';

/** The case as the case page reads it (GET /cases/{id}), for the case's own commands. */
export interface CaseDetail {
  caseId: string;
  /** The case's status over its whole life (intake's case view). */
  status: string;
  /** Intake's own state (REGISTERED or WITHDRAWN): what amendment and withdrawal go by. */
  intakeStatus: string;
  version: string;
  category: string;
  description: string;
  peopleInvolved?: number;
  amountInvolved?: { currencyCode: string; amountFen: string } | null;
  risk?: { level: string; factors: string[]; note: string } | null;
}

/** The mediation's commands, one at a time, each form with its own problem banner. */
export interface Command {
  busy: boolean;
  /** POSTs `/mediations/{id}/{action}` with the expected version; false (and a banner) on failure. */
  run: (form: string, action: string, body: Record<string, unknown>) => Promise<boolean>;
  /** Any other request of the case's (amend, withdraw): the body carries its own version. */
  send: (
    form: string,
    method: string,
    path: string,
    body: Record<string, unknown>,
  ) => Promise<boolean>;
  /** The last failure's problem, where it came from `form`. */
  banner: (form: string) => ReactNode;
}

/** What every section gets from the composition. */
export interface SectionProps {
  m: MediationDetail;
  /** The case (null while it loads). */
  kase: CaseDetail | null;
  parties: Party[];
  partyName: (id: string) => string;
  partyOptions: Option[];
  /** A timestamp in the UI's language, '—' for none. */
  when: (s: string | null) => string;
  command: Command;
}
