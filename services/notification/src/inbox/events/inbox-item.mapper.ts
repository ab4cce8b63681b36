import {
  commonV1,
  mediationV1,
  notificationV1,
  type DecodedEvent,
  type EventType,
} from '@mediation/contracts';

const { InboxKind } = notificationV1;
const ONLINE = mediationV1.ConsentMethod.CONSENT_METHOD_ONLINE;

/** The events that may lead to an inbox item. */
export const INBOX_EVENT_TYPES: ReadonlySet<EventType> = new Set<EventType>([
  'mediation.intake.v1.CaseOpened',
  'mediation.mediation.v1.ConsentRecorded',
  'mediation.mediation.v1.RefusalRecorded',
  'mediation.mediation.v1.SessionResponseRecorded',
  'mediation.mediation.v1.AgreementSigned',
  'mediation.mediation.v1.SatisfactionRecorded',
]);

/** The holder the item is addressed to, as the event names it (the committee and its unit). */
export interface Holder {
  committeeCode: string;
  orgUnitCode: string;
}

/** What a party did, as an inbox item sees it; the holder comes from the event when it says. */
export interface InboxFact {
  kind: notificationV1.InboxKind;
  partyId: string;
  sessionId: string;
  caseNumber: string;
  holder?: Holder;
}

const holderOf = (c: commonV1.CommitteeRef | null | undefined): Holder | undefined =>
  c?.code ? { committeeCode: c.code, orgUnitCode: c.orgUnitCode } : undefined;

const fact = (
  kind: notificationV1.InboxKind,
  partyId: string,
  committee: commonV1.CommitteeRef | null | undefined,
  extra: Partial<InboxFact> = {},
): InboxFact => ({
  kind,
  partyId,
  sessionId: '',
  caseNumber: '',
  holder: holderOf(committee),
  ...extra,
});

/**
 * What the parties did in their app (or, for a rating, however it was recorded) that the
 * committee should act on or know; undefined for anything else. No personal data: the party is
 * its id on the case.
 */
export function inboxFactOf(decoded: DecodedEvent): InboxFact | undefined {
  switch (decoded.type) {
    case 'mediation.intake.v1.CaseOpened': {
      const p = decoded.payload;
      if (p.facts?.channel !== commonV1.Channel.CHANNEL_ONLINE) return undefined;
      const applicant = p.facts.parties.find(
        (x) => x.role === commonV1.PartyRole.PARTY_ROLE_APPLICANT,
      );
      const holder = holderOf(p.facts.committee);
      return fact(InboxKind.INBOX_KIND_ONLINE_APPLICATION, applicant?.partyId ?? '', undefined, {
        caseNumber: p.caseNumber,
        holder:
          holder && !holder.orgUnitCode
            ? { ...holder, orgUnitCode: p.facts.orgUnit?.code ?? '' }
            : holder,
      });
    }
    case 'mediation.mediation.v1.ConsentRecorded': {
      const p = decoded.payload;
      return p.method === ONLINE
        ? fact(InboxKind.INBOX_KIND_CONSENT_GIVEN, p.partyId, p.context?.committee)
        : undefined;
    }
    case 'mediation.mediation.v1.RefusalRecorded': {
      const p = decoded.payload;
      return p.method === ONLINE
        ? fact(InboxKind.INBOX_KIND_CONSENT_REFUSED, p.partyId, p.context?.committee)
        : undefined;
    }
    case 'mediation.mediation.v1.SessionResponseRecorded': {
      const p = decoded.payload;
      return p.answer === mediationV1.SessionAnswer.SESSION_ANSWER_ASKS_TO_MOVE
        ? fact(InboxKind.INBOX_KIND_SESSION_MOVE_ASKED, p.partyId, p.context?.committee, {
            sessionId: p.sessionId,
          })
        : undefined;
    }
    case 'mediation.mediation.v1.AgreementSigned': {
      const p = decoded.payload;
      return fact(InboxKind.INBOX_KIND_AGREEMENT_SIGNED, p.partyId, p.context?.committee);
    }
    case 'mediation.mediation.v1.SatisfactionRecorded': {
      const p = decoded.payload;
      // A rating staff took down on a follow-up visit is theirs already: only the party's own.
      return p.context?.actor?.role === commonV1.Role.ROLE_PARTY
        ? fact(InboxKind.INBOX_KIND_SATISFACTION_RATED, p.partyId, p.context?.committee)
        : undefined;
    }
    default:
      return undefined;
  }
}

/** Events that move a case to another holder (or name its first one). */
export const HOLDER_EVENT_TYPES: ReadonlySet<EventType> = new Set<EventType>([
  'mediation.mediation.v1.MediationCreated',
  'mediation.mediation.v1.MediationEscalated',
  'mediation.mediation.v1.MediationTransferred',
]);

/** The holder after a mediation event, and the case number where the event carries it. */
export function holderAfter(
  decoded: DecodedEvent,
): { holder: Holder; caseNumber?: string } | undefined {
  switch (decoded.type) {
    case 'mediation.mediation.v1.MediationCreated': {
      const holder = holderOf(decoded.payload.context?.committee);
      return holder ? { holder, caseNumber: decoded.payload.caseNumber } : undefined;
    }
    case 'mediation.mediation.v1.MediationEscalated':
    case 'mediation.mediation.v1.MediationTransferred': {
      // The context names the handler after the handover; to_committee says the same.
      const holder =
        holderOf(decoded.payload.toCommittee) ?? holderOf(decoded.payload.context?.committee);
      return holder ? { holder } : undefined;
    }
    default:
      return undefined;
  }
}
