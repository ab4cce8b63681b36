import {
  commonV1,
  CST_OFFSET_MS,
  fromTimestamp,
  mediationV1,
  phraseOf,
  type DecodedEvent,
  type EventType,
  type LocalizedText,
} from '@mediation/contracts';
import type { OrgDirectory } from '@mediation/org-directory';
import type { NoticeKey, NoticeParams, PlannedNotice } from '../domain/notice.types';

const { DeadlineKind } = mediationV1;
const DAY_MS = 86_400_000;

/**
 * The events that lead to a text (the consumer skips every other type before any I/O), and
 * CaseOpened, which tells who the parties are.
 */
export const NOTICE_EVENT_TYPES: ReadonlySet<EventType> = new Set<EventType>([
  'mediation.intake.v1.CaseOpened',
  'mediation.intake.v1.CaseAmended',
  'mediation.mediation.v1.MediationAccepted',
  'mediation.mediation.v1.MediationRejected',
  'mediation.mediation.v1.SessionScheduled',
  'mediation.mediation.v1.AgreementProposed',
  'mediation.mediation.v1.AgreementReached',
  'mediation.mediation.v1.DeadlineApproaching',
  'mediation.mediation.v1.JudicialConfirmationRecorded',
  'mediation.mediation.v1.MediationClosed',
  'mediation.mediation.v1.FollowUpRecorded',
]);

/** China time, as a party reads it: "12月6日 09:30" / "6 Dec 09:30". */
function when(at: Date): LocalizedText {
  const local = new Date(at.getTime() + CST_OFFSET_MS);
  const hm = local.toISOString().slice(11, 16);
  const month = local.getUTCMonth() + 1;
  const day = local.getUTCDate();
  const en = local.toLocaleString('en-GB', { month: 'short', timeZone: 'UTC' });
  return { zh: `${month}月${day}日 ${hm}`, en: `${day} ${en} ${hm}` };
}

/** A date in China time: "2026年12月6日" / "6 Dec 2026". */
function date(at: Date): LocalizedText {
  const local = new Date(at.getTime() + CST_OFFSET_MS);
  const [y, m, d] = [local.getUTCFullYear(), local.getUTCMonth() + 1, local.getUTCDate()];
  const en = local.toLocaleString('en-GB', { month: 'short', timeZone: 'UTC' });
  return { zh: `${y}年${m}月${d}日`, en: `${d} ${en} ${y}` };
}

const same = (text: string): LocalizedText => ({ zh: text, en: text });

/** Each variable in both languages -> the template parameters per language. */
function params(vars: Record<string, LocalizedText>): NoticeParams {
  const entries = Object.entries(vars);
  return {
    zh: Object.fromEntries(entries.map(([k, v]) => [k, v.zh])),
    en: Object.fromEntries(entries.map(([k, v]) => [k, v.en])),
  };
}

const tsDate = (ts: { seconds: string; nanos: number } | null | undefined) =>
  ts ? fromTimestamp(ts) : undefined;

/**
 * What an event means to the parties: the notices it leads to. Pure but for the directory's
 * names of committees and institutions; the case number is filled in when the text is sent
 * (intake answers it with the phones).
 */
export class NoticePlanner {
  constructor(private readonly directory: OrgDirectory) {}

  private committee(code: string | undefined): LocalizedText {
    const c = code ? this.directory.findCommittee(code) : undefined;
    return same(c?.name ?? '人民调解委员会');
  }

  private institution(ref: commonV1.InstitutionRef | null | undefined): LocalizedText {
    const found = ref?.code ? this.directory.findInstitution(ref.code) : undefined;
    return found ? same(found.name) : phraseOf(commonV1.InstitutionType, ref?.type ?? 0);
  }

  plan(decoded: DecodedEvent, occurredAt: Date): PlannedNotice[] {
    const now = (key: NoticeKey, vars: Record<string, LocalizedText>, partyIds: string[] = []) => ({
      key,
      partyIds,
      params: params(vars),
      dueAt: occurredAt,
    });
    switch (decoded.type) {
      case 'mediation.intake.v1.CaseOpened': {
        // Applied online: the applicant is told it arrived and what comes next. A case registered
        // by the staff needs no such text (the person was there, or on the phone).
        const facts = decoded.payload.facts;
        if (facts?.channel !== commonV1.Channel.CHANNEL_ONLINE) return [];
        const applicants = facts.parties
          .filter((p) => p.role === commonV1.PartyRole.PARTY_ROLE_APPLICANT)
          .map((p) => p.partyId);
        return applicants.length
          ? [
              now(
                'application-received',
                { committee: this.committee(facts.committee?.code) },
                applicants,
              ),
            ]
          : [];
      }
      case 'mediation.mediation.v1.MediationAccepted': {
        const p = decoded.payload;
        const termDue = tsDate(p.termDueAt);
        return [
          now('case-accepted', {
            committee: this.committee(p.context?.committee?.code),
            termDue: termDue ? date(termDue) : { zh: '另行通知', en: 'a date we will tell you' },
          }),
        ];
      }
      case 'mediation.mediation.v1.MediationRejected': {
        const p = decoded.payload;
        const remedies = p.remediesTold.map((r) => phraseOf(commonV1.Remedy, r));
        return [
          now('case-rejected', {
            committee: this.committee(p.context?.committee?.code),
            reason: phraseOf(mediationV1.RejectionReason, p.reason),
            remedies: remedies.length
              ? {
                  zh: remedies.map((r) => r.zh).join('、'),
                  en: remedies.map((r) => r.en).join(' or '),
                }
              : { zh: '诉讼等途径', en: 'the courts or other routes' },
          }),
        ];
      }
      case 'mediation.mediation.v1.SessionScheduled': {
        const p = decoded.payload;
        const at = tsDate(p.scheduledAt);
        if (!at) return [];
        const vars = { committee: this.committee(p.context?.committee?.code), time: when(at) };
        const notices: PlannedNotice[] = [
          { ...now('session-scheduled', vars, p.invitedPartyIds), sessionId: p.sessionId },
        ];
        // The day before; none when the session is less than a day away (the first text says it).
        const remindAt = new Date(at.getTime() - DAY_MS);
        if (remindAt > occurredAt)
          notices.push({
            ...now('session-tomorrow', vars, p.invitedPartyIds),
            dueAt: remindAt,
            slot: `session:${p.sessionId}`,
            sessionId: p.sessionId,
          });
        return notices;
      }
      case 'mediation.mediation.v1.AgreementProposed': {
        // Only the parties asked to sign; none named, nobody to tell (empty means "every party").
        const p = decoded.payload;
        if (!p.partyIds.length) return [];
        return [
          now('agreement-ready', { committee: this.committee(p.context?.committee?.code) }, [
            ...new Set(p.partyIds),
          ]),
        ];
      }
      case 'mediation.mediation.v1.AgreementReached':
        return [
          now('agreement-reached', {
            committee: this.committee(decoded.payload.context?.committee?.code),
          }),
        ];
      case 'mediation.mediation.v1.DeadlineApproaching': {
        const p = decoded.payload;
        const due = tsDate(p.dueAt);
        if (!due) return [];
        const key: NoticeKey | undefined =
          p.kind === DeadlineKind.DEADLINE_KIND_PERFORMANCE_DUE
            ? 'instalment-due'
            : p.kind === DeadlineKind.DEADLINE_KIND_JUDICIAL_CONFIRMATION_WINDOW
              ? 'confirmation-window'
              : undefined; // the others are the staff's deadlines
        return key
          ? [{ ...now(key, { dueDate: date(due) }), slot: `deadline:${p.deadlineId}` }]
          : [];
      }
      case 'mediation.mediation.v1.JudicialConfirmationRecorded': {
        const p = decoded.payload;
        return [
          now('confirmation-result', {
            court: this.institution(p.court),
            result: phraseOf(mediationV1.JudicialConfirmationResult, p.result),
          }),
        ];
      }
      case 'mediation.mediation.v1.MediationClosed': {
        const p = decoded.payload;
        if (!p.referralOutcome) return [];
        return [
          now('referral-outcome', {
            institution: this.institution(p.referralInstitution),
            outcome: phraseOf(commonV1.ReferralOutcome, p.referralOutcome),
          }),
        ];
      }
      case 'mediation.mediation.v1.FollowUpRecorded': {
        const p = decoded.payload;
        const next = tsDate(p.nextFollowUpAt);
        if (!next || next <= occurredAt) return [];
        return [
          {
            ...now('follow-up', {
              committee: this.committee(p.context?.committee?.code),
              date: date(next),
            }),
            slot: `follow-up:${p.context?.mediationId ?? ''}`,
          },
        ];
      }
      default:
        return [];
    }
  }
}
