import { apiAs, downloadAs } from '../api';

// The party app's session: apart from the staff's (another key, another token), in this tab only.
const KEY = 'mediation.party-token';
const listeners = new Set<() => void>();
const changed = () => listeners.forEach((f) => f());

export const partySession = {
  token: () => sessionStorage.getItem(KEY),
  set(token: string) {
    sessionStorage.setItem(KEY, token);
    changed();
  },
  /** Ended by the party, or by a 401 (the session's time is up). */
  clear(expired = false) {
    sessionStorage.removeItem(KEY);
    if (expired) sessionStorage.setItem(`${KEY}.expired`, '1');
    changed();
  },
  /** Whether the last session ended by itself (told once on the sign-in page). */
  takeExpired(): boolean {
    const was = sessionStorage.getItem(`${KEY}.expired`) === '1';
    sessionStorage.removeItem(`${KEY}.expired`);
    return was;
  },
  onChange(f: () => void): () => void {
    listeners.add(f);
    return () => listeners.delete(f);
  },
};

/** The party API as the signed-in party. */
export function partyApi<T>(method: string, path: string, body?: unknown): Promise<T> {
  return apiAs<T>(
    { token: partySession.token(), onUnauthorized: () => partySession.clear(true) },
    method,
    `/party${path}`,
    body,
  );
}

/** Downloads a file of the party API as the signed-in party, then saves it. */
export function partyDownload(path: string, fallbackName: string): Promise<void> {
  return downloadAs(
    { token: partySession.token(), onUnauthorized: () => partySession.clear(true) },
    `/party${path}`,
    fallbackName,
  );
}

/** What the party API answers for a case (docs/gateway.md, "The party app"). */
export interface PartyCase {
  caseId: string;
  caseNumber: string;
  category: string;
  status: string;
  nextStep: { zh: string; en: string };
  registeredAt: string | null;
  committee: { code: string; name: string; office: string; phone: string } | null;
  mediator: string | null;
  nextDeadline: { at: string; kind: string } | null;
  parties?: { partyId: string; role: string; name: string; you: boolean }[];
  /** One case only: the mediation as far as it concerns the party (null before it starts). */
  mediation?: PartyMediation | null;
}

/** Times are RFC 3339 in Beijing time; amounts are yuan with two decimals. */
export interface PartyMediation {
  consent: {
    decision: 'pending' | 'given' | 'refused';
    at: string | null;
    online: boolean;
    canDecide: boolean;
  };
  pendingDecisions: 'mediation'[];
  sessions: {
    sessionId: string;
    at: string | null;
    place: string;
    yourAnswer: { answer: 'attend' | 'move'; note: string; at: string | null } | null;
  }[];
  agreement: {
    proposalId: string;
    contentHash: string;
    proposedAt: string | null;
    facts: string;
    issues: string;
    responsibilities: string;
    obligations: {
      obligor: string;
      obligee: string;
      kind: string;
      description: string;
      amountYuan: string | null;
      manner: string;
      dueDate: string | null;
      instalments: { number: number; amountYuan: string | null; dueDate: string | null }[];
    }[];
    otherTerms: string;
    signers: {
      partyId: string;
      name: string;
      role: string;
      you: boolean;
      signedAt: string | null;
    }[];
    youSigned: boolean;
    yourSignedAt: string | null;
    youMaySign: boolean;
  } | null;
  agreementReached: { effectiveAt: string | null; youSigned: boolean; written: boolean } | null;
  rating: {
    canRate: boolean;
    yours: { score: number; comment: string; at: string | null } | null;
  };
}
