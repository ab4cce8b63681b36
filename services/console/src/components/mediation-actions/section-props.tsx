import type { ReactNode } from 'react';
import type { Option } from './form-helpers';
import type { MediationDetail, Party } from './mediation-detail';

/** The mediation's commands, one at a time, each form with its own problem banner. */
export interface Command {
  busy: boolean;
  /** POSTs `/mediations/{id}/{action}` with the expected version; false (and a banner) on failure. */
  run: (form: string, action: string, body: Record<string, unknown>) => Promise<boolean>;
  /** The last failure's problem, where it came from `form`. */
  banner: (form: string) => ReactNode;
}

/** What every section gets from the composition. */
export interface SectionProps {
  m: MediationDetail;
  parties: Party[];
  partyName: (id: string) => string;
  partyOptions: Option[];
  /** A timestamp in the UI's language, '—' for none. */
  when: (s: string | null) => string;
  command: Command;
}
