import { CST_OFFSET_MS } from '@mediation/contracts';

/**
 * What a party reads of the mediation of its case (the party app): what it still has to decide,
 * the sessions ahead with its own answer, the agreement put to it to sign, and whether it may rate
 * the mediation. Nothing of the staff's: no notes, mediators' ids, other parties' words or
 * personal data. Money in yuan, times in Beijing time.
 */

type Money = { amountFen?: string | number } | null | undefined;

interface ObligationJson {
  obligorPartyId?: string;
  obligeePartyId?: string;
  kind?: string;
  description?: string;
  amount?: Money;
  manner?: string;
  dueAt?: string | null;
  instalments?: { number?: number; amount?: Money; dueAt?: string | null }[];
}

/** The mediation as GetMediation answers it (proto3 JSON), the fields a party's view reads. */
export interface MediationJson {
  version?: string;
  status?: string;
  parties?: { partyId?: string; role?: string; consent?: string }[];
  consents?: {
    partyId?: string;
    subject?: string;
    given?: boolean;
    method?: string;
    recordedAt?: string | null;
  }[];
  sessions?: {
    sessionId?: string;
    scheduledAt?: string | null;
    heldAt?: string | null;
    location?: string;
    invitedPartyIds?: string[];
    responses?: { partyId?: string; answer?: string; note?: string; answeredAt?: string | null }[];
  }[];
  agreementProposal?: {
    proposalId?: string;
    facts?: string;
    issues?: string;
    responsibilities?: string;
    terms?: { obligations?: ObligationJson[]; otherTerms?: string } | null;
    contentHash?: string;
    proposedAt?: string | null;
    partyIds?: string[];
    signatures?: { partyId?: string; signedAt?: string | null; contentHash?: string }[];
  } | null;
  agreement?: {
    agreementId?: string;
    form?: string;
    effectiveAt?: string | null;
    signedPartyIds?: string[];
  } | null;
  satisfaction?: {
    partyId?: string;
    score?: number;
    comment?: string;
    recordedAt?: string | null;
  }[];
}

/** A party of the case as the party app names it (intake's view: the others' names masked). */
export interface NamedParty {
  partyId: string;
  role: string;
  name: string;
}

/** The states in which a party's consent and sessions still decide something. */
const OPEN = new Set(['MEDIATION_STATUS_PENDING_ACCEPTANCE', 'MEDIATION_STATUS_IN_PROGRESS']);

/** An instant as RFC 3339 in Beijing time ("2026-12-10T15:00:00+08:00"); null for none. */
export function beijingTime(iso: string | null | undefined): string | null {
  if (!iso) return null;
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return null;
  return `${new Date(ms + CST_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}

/** The calendar day of an instant in Beijing ("2026-12-31"); null for none. */
export const beijingDay = (iso: string | null | undefined): string | null =>
  beijingTime(iso)?.slice(0, 10) ?? null;

/** Fen as yuan with two decimals ("1200.50"); null when there is no amount. */
export function yuan(money: Money): string | null {
  if (money?.amountFen === undefined || money.amountFen === null || money.amountFen === '')
    return null;
  const fen = BigInt(money.amountFen);
  const sign = fen < 0n ? '-' : '';
  const abs = fen < 0n ? -fen : fen;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

const ANSWERS: Record<string, 'attend' | 'move'> = {
  SESSION_ANSWER_WILL_ATTEND: 'attend',
  SESSION_ANSWER_ASKS_TO_MOVE: 'move',
};

/**
 * The party's view of the mediation. `yours` are the caller's party ids on the case (the
 * applicant or respondent records with its proven phone); `parties` name everyone for the
 * agreement's text; `now` decides which sessions are still ahead.
 */
export function partyMediationView(
  m: MediationJson,
  yours: readonly string[],
  parties: readonly NamedParty[],
  now: Date,
) {
  const mine = new Set(yours);
  const nameOf = (id: string | undefined) => parties.find((p) => p.partyId === id)?.name ?? '';
  const named = (id: string) => {
    const p = parties.find((x) => x.partyId === id);
    return { partyId: id, name: p?.name ?? '', role: p?.role ?? '', you: mine.has(id) };
  };

  // Consent to mediation itself: the caller's latest record. The mediation counts records only
  // (an online application marks the applicant's stance, but is not its recorded consent).
  const records = (m.consents ?? []).filter(
    (c) => c.subject === 'CONSENT_SUBJECT_MEDIATION' && mine.has(c.partyId ?? ''),
  );
  const last = records[records.length - 1];
  const decision: 'pending' | 'given' | 'refused' = last
    ? last.given
      ? 'given'
      : 'refused'
    : 'pending';
  const canDecide = decision === 'pending' && mine.size > 0 && OPEN.has(m.status ?? '');

  const sessions = (m.sessions ?? [])
    .filter(
      (s) =>
        // Once agreed, failed or stopped, a session still on the calendar is no one's business.
        OPEN.has(m.status ?? '') &&
        !s.heldAt &&
        !!s.scheduledAt &&
        Date.parse(s.scheduledAt) > now.getTime() &&
        (!s.invitedPartyIds?.length || s.invitedPartyIds.some((id) => mine.has(id))),
    )
    .sort((a, b) => Date.parse(a.scheduledAt!) - Date.parse(b.scheduledAt!))
    .map((s) => {
      const answer = (s.responses ?? []).filter((r) => mine.has(r.partyId ?? '')).pop();
      return {
        sessionId: s.sessionId ?? '',
        at: beijingTime(s.scheduledAt),
        place: s.location ?? '',
        yourAnswer:
          answer && ANSWERS[answer.answer ?? '']
            ? {
                answer: ANSWERS[answer.answer!]!,
                note: answer.note ?? '',
                at: beijingTime(answer.answeredAt),
              }
            : null,
      };
    });

  const p = m.agreementProposal?.proposalId ? m.agreementProposal : null;
  const signatures = (p?.signatures ?? []).filter((s) => s.contentHash === p?.contentHash);
  const signedAt = (id: string) => signatures.find((s) => s.partyId === id)?.signedAt ?? null;
  const askedOfYou = (p?.partyIds ?? []).filter((id) => mine.has(id));
  const yourSignature = askedOfYou.map(signedAt).find(Boolean) ?? null;
  const agreement = p
    ? {
        proposalId: p.proposalId!,
        contentHash: p.contentHash ?? '',
        proposedAt: beijingTime(p.proposedAt),
        facts: p.facts ?? '',
        issues: p.issues ?? '',
        responsibilities: p.responsibilities ?? '',
        obligations: (p.terms?.obligations ?? []).map((o) => ({
          obligor: nameOf(o.obligorPartyId),
          obligee: nameOf(o.obligeePartyId),
          kind: o.kind ?? '',
          description: o.description ?? '',
          amountYuan: yuan(o.amount),
          manner: o.manner ?? '',
          dueDate: beijingDay(o.dueAt),
          instalments: (o.instalments ?? []).map((i) => ({
            number: i.number ?? 0,
            amountYuan: yuan(i.amount),
            dueDate: beijingDay(i.dueAt),
          })),
        })),
        otherTerms: p.terms?.otherTerms ?? '',
        signers: (p.partyIds ?? []).map((id) => ({
          ...named(id),
          signedAt: beijingTime(signedAt(id)),
        })),
        youSigned: askedOfYou.length > 0 && askedOfYou.every((id) => !!signedAt(id)),
        yourSignedAt: beijingTime(yourSignature),
        youMaySign: askedOfYou.some((id) => !signedAt(id)),
      }
    : null;

  const effective = m.agreement?.agreementId ? m.agreement : null;
  const agreementReached = effective
    ? {
        effectiveAt: beijingTime(effective.effectiveAt),
        youSigned: (effective.signedPartyIds ?? []).some((id) => mine.has(id)),
        written: effective.form === 'AGREEMENT_FORM_WRITTEN',
      }
    : null;

  const rated = (m.satisfaction ?? []).find((s) => mine.has(s.partyId ?? ''));
  return {
    consent: {
      decision,
      at: beijingTime(last?.recordedAt),
      online: last?.method === 'CONSENT_METHOD_ONLINE',
      canDecide,
    },
    pendingDecisions: canDecide ? (['mediation'] as const) : [],
    sessions,
    agreement,
    agreementReached,
    rating: {
      canRate: m.status === 'MEDIATION_STATUS_CLOSED' && !rated && mine.size > 0,
      yours: rated
        ? {
            score: rated.score ?? 0,
            comment: rated.comment ?? '',
            at: beijingTime(rated.recordedAt),
          }
        : null,
    },
  };
}

export type PartyMediationView = ReturnType<typeof partyMediationView>;
