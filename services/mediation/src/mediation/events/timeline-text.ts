import {
  commonV1,
  dayText,
  mediationV1 as E,
  momentText,
  phraseOf,
  phraseOfName,
  bilingual,
  type LocalizedText,
} from '@mediation/contracts';
import type { OrgDirectory } from '@mediation/org-directory';
import type { DomainEvent, MediationState } from '../domain';

/** The name of a committee, reasoning point, institution or desk (the code when unknown). */
export type NameOf = (code: string) => string;

export function directoryNames(directory: OrgDirectory): NameOf {
  return (code) =>
    directory.findCommittee(code)?.name ??
    directory.findDesk(code)?.name ??
    directory.findInstitution(code)?.name ??
    directory.lookup(code)?.name ??
    code;
}

const t = bilingual;
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/** A domain name ("MEDIATION") in the words of the contract value (CONSENT_SUBJECT_MEDIATION). */
const words = (prefix: string, name: unknown) => phraseOfName(`${prefix}${String(name)}`);

type Data = Record<string, unknown>;

/**
 * The timeline entry of a mediation step: one sentence in Chinese and English, naming parties by
 * their role, committees and courts by name and enum values by their words, never by number or
 * code. No personal data: party names stay out, staff names are the roster's.
 */
export function timelineText(e: DomainEvent, state: MediationState, nameOf: NameOf): LocalizedText {
  const d = e.data as Data;
  const party = (id: unknown) => {
    const p = state.parties.find((x) => x.partyId === id);
    return p ? phraseOf(commonV1.PartyRole, p.role) : t('一方当事人', 'a party');
  };
  const date = (v: unknown) => dayText(v as Date);
  switch (e.name) {
    case 'MediationCreated': {
      const at = nameOf(state.path[0]?.committee.code ?? state.committee.code);
      return t(
        `案件${String(d.caseNumber)}登记调解，由${at}办理。`,
        `Case ${String(d.caseNumber)} registered for mediation with ${at}.`,
      );
    }
    case 'MediationAccepted': {
      const by = nameOf(state.committee.code);
      const due = date(d.termDueAt);
      return t(
        `${by}受理，调解期限至${due.zh}。`,
        `Accepted by ${by}; the term runs to ${due.en}.`,
      );
    }
    case 'MediationRejected': {
      const why = phraseOf(E.RejectionReason, d.reason as number);
      return t(`不予受理，理由：${why.zh}。`, `Not accepted because ${why.en}.`);
    }
    case 'ConsentRecorded': {
      const who = party(d.partyId);
      const what = words('CONSENT_SUBJECT_', d.subject);
      const term = d.termDueAt ? date(d.termDueAt) : null;
      return t(
        `${who.zh}同意${what.zh}${term ? `，调解期限延长至${term.zh}` : ''}。`,
        `${cap(who.en)} consented to ${what.en}${term ? `; the term now runs to ${term.en}` : ''}.`,
      );
    }
    case 'RefusalRecorded': {
      const who = party(d.partyId);
      const what = words('CONSENT_SUBJECT_', d.subject);
      return t(
        `${who.zh}拒绝${what.zh}${d.stopsMediation ? '，调解终止' : ''}。`,
        `${cap(who.en)} refused ${what.en}${d.stopsMediation ? '; mediation stopped' : ''}.`,
      );
    }
    case 'MediatorsAssigned':
      return mediatorsAssigned(d, state, party);
    case 'MediatorRecused': {
      const who = party(d.partyId);
      return t(
        `${who.zh}申请调解员回避` +
          (d.removed ? '，该调解员退出本案' : '') +
          (d.leadRequired ? '，需另行指派主调解员' : '') +
          '。',
        `${cap(who.en)} asked a mediator to step aside` +
          (d.removed ? '; the mediator left the case' : '') +
          (d.leadRequired ? '; a new lead is required' : '') +
          '.',
      );
    }
    case 'ParticipantsInvited': {
      const n = (d.participants as unknown[]).length;
      return t(
        `经各方当事人同意，邀请${n}名人员参与调解。`,
        `${n} participant${n === 1 ? '' : 's'} invited with the parties’ consent.`,
      );
    }
    case 'SessionScheduled': {
      const at = momentText(d.scheduledAt as Date);
      return t(`调解会谈定于${at.zh}。`, `Session scheduled for ${at.en}.`);
    }
    case 'SessionRecorded': {
      const at = momentText(d.heldAt as Date);
      const roles = (ids: unknown) => (ids as string[]).map(party);
      const [came, away] = [roles(d.attendedPartyIds), roles(d.noShowPartyIds)];
      const outcome = phraseOf(E.SessionOutcome, d.outcome as number);
      return t(
        `${at.zh}调解会谈：` +
          (came.length ? `${came.map((p) => p.zh).join('、')}到场` : '当事人均未到场') +
          (away.length ? `，${away.map((p) => p.zh).join('、')}未到场` : '') +
          `；${outcome.zh}。`,
        `Session of ${at.en}: ` +
          (came.length ? `${came.map((p) => p.en).join(' and ')} attended` : 'no party attended') +
          (away.length ? `, ${away.map((p) => p.en).join(' and ')} did not` : '') +
          `; ${outcome.en}.`,
      );
    }
    case 'MediationEscalated': {
      const [from, to] = [
        committeeName(d.fromCommittee, nameOf),
        committeeName(d.toCommittee, nameOf),
      ];
      const why = phraseOf(E.EscalationReason, d.reason as number);
      return t(
        `因${why.zh}，由${from}提交${to}调解。`,
        `Escalated from ${from} to ${to} because ${why.en}.`,
      );
    }
    case 'MediationTransferred': {
      const [from, to] = [
        committeeName(d.fromCommittee, nameOf),
        committeeName(d.toCommittee, nameOf),
      ];
      return t(`由${from}移交${to}调解。`, `Transferred from ${from} to ${to}.`);
    }
    case 'AgreementReached': {
      const form = words('AGREEMENT_FORM_', d.form);
      const n = d.obligationCount as number;
      return t(
        `达成${form.zh}调解协议${n ? `，共${n}项义务` : ''}。`,
        `${cap(form.en)} agreement reached${n ? ` with ${n} obligation${n === 1 ? '' : 's'}` : ''}.`,
      );
    }
    case 'AgreementProposed': {
      const n = (d.partyIds as string[]).length;
      return t(
        `调解协议提交${n}方当事人在线签署。`,
        `Agreement put to the ${n} parties to sign online.`,
      );
    }
    case 'AgreementSigned': {
      const who = party(d.partyId);
      const awaiting = (d.awaitingPartyIds as string[]).map(party);
      return t(
        `${who.zh}在线签署调解协议` +
          (awaiting.length
            ? `，待${awaiting.map((p) => p.zh).join('、')}签署`
            : '，各方当事人均已签署') +
          '。',
        `${cap(who.en)} signed the agreement online` +
          (awaiting.length
            ? `; awaiting ${awaiting.map((p) => p.en).join(' and ')}`
            : '; every party has signed') +
          '.',
      );
    }
    case 'SessionResponseRecorded': {
      const who = party(d.partyId);
      const at = momentText(d.scheduledAt as Date);
      return d.answer === 'ASKS_TO_MOVE'
        ? t(
            `${who.zh}请求调整${at.zh}的调解会谈时间。`,
            `${cap(who.en)} asked to move the session of ${at.en}.`,
          )
        : t(
            `${who.zh}确认出席${at.zh}的调解会谈。`,
            `${cap(who.en)} will attend the session of ${at.en}.`,
          );
    }
    case 'MediationFailed': {
      const why = phraseOf(E.FailureReason, d.reason as number);
      const to = d.referralRequested
        ? phraseOf(commonV1.InstitutionType, d.referralInstitutionType as number)
        : null;
      return t(
        `调解不成，原因：${why.zh}${to ? `；申请转交${to.zh}` : ''}。`,
        `Mediation failed because ${why.en}${to ? `; referral to ${to.en} requested` : ''}.`,
      );
    }
    case 'JudicialConfirmationRequested': {
      const court = nameOf((d.court as { code: string }).code);
      return t(
        `当事人共同向${court}申请司法确认。`,
        `The parties applied jointly to ${court} for judicial confirmation.`,
      );
    }
    case 'JudicialConfirmationRecorded': {
      const result = words('JUDICIAL_CONFIRMATION_RESULT_', d.result);
      const no = d.confirmationNumber ? String(d.confirmationNumber) : '';
      const why = d.refusalReason ? words('CONFIRMATION_REFUSAL_REASON_', d.refusalReason) : null;
      return t(
        `${result.zh}${no ? `（${no}）` : ''}${why ? `，理由：${why.zh}` : ''}。`,
        `${cap(result.en)}${no ? ` (${no})` : ''}${why ? ` because ${why.en}` : ''}.`,
      );
    }
    case 'PerformanceRecorded': {
      const what = obligationText(state, d.obligationId as string, d.instalmentNumber as number);
      const status = words('PERFORMANCE_STATUS_', d.status);
      const next =
        d.suggestedAction && d.suggestedAction !== 'NONE'
          ? words('SUGGESTED_ACTION_', d.suggestedAction)
          : null;
      return t(
        `${what.zh}：${status.zh}${next ? `；建议${next.zh}` : ''}。`,
        `${cap(what.en)}: ${status.en}${next ? `; suggested next: ${next.en}` : ''}.`,
      );
    }
    case 'FollowUpRecorded': {
      const result = phraseOf(E.FollowUpResult, d.result as number);
      return t(`回访：${result.zh}。`, `Follow-up visit: ${result.en}.`);
    }
    case 'SatisfactionRecorded': {
      const who = party(d.partyId);
      return t(
        `${who.zh}对调解的满意度评分为${String(d.score)}分（满分5分）。`,
        `${cap(who.en)} rated the mediation ${String(d.score)} out of 5.`,
      );
    }
    case 'MediationClosed':
      return closed(d, nameOf);
    case 'MediationReopened': {
      const why = phraseOf(E.ReopenReason, d.reason as number);
      const due = date(d.termDueAt);
      return t(
        `因${why.zh}重新调解，调解期限至${due.zh}。`,
        `Reopened because ${why.en}; the term runs to ${due.en}.`,
      );
    }
    case 'DeadlineApproaching':
    case 'DeadlineBreached': {
      const kind = words('DEADLINE_KIND_', d.kind);
      const ref = deadlineRef(state, d.kind as string, d.ref as string);
      const subject = t(
        `${kind.zh}${ref ? `（${ref.zh}）` : ''}`,
        `${kind.en}${ref ? ` (${ref.en})` : ''}`,
      );
      const due = date(d.dueAt);
      return e.name === 'DeadlineApproaching'
        ? t(`${subject.zh}将于${due.zh}到期。`, `Due soon: ${subject.en}, on ${due.en}.`)
        : t(`${subject.zh}已于${due.zh}超期。`, `Overdue: ${subject.en}, due on ${due.en}.`);
    }
  }
}

function committeeName(ref: unknown, nameOf: NameOf): string {
  return nameOf((ref as { code: string }).code);
}

function mediatorsAssigned(
  d: Data,
  state: MediationState,
  party: (id: unknown) => LocalizedText,
): LocalizedText {
  const assigned = d.mediators as {
    mediatorId: string;
    role: string;
    chosenByParties: boolean;
    chosenByPartyId: string;
  }[];
  const nameOf = (id: string) =>
    state.mediators.find((m) => m.mediatorId === id)?.displayName || '调解员';
  const list = t(
    assigned
      .map((m) => `${nameOf(m.mediatorId)}（${m.role === 'LEAD' ? '主调解员' : '协助'}）`)
      .join('、'),
    assigned
      .map((m) => `${nameOf(m.mediatorId)} (${m.role === 'LEAD' ? 'lead' : 'assistant'})`)
      .join(', '),
  );
  const chosen = assigned.filter((m) => m.chosenByParties);
  const by = (m: (typeof assigned)[number]) =>
    m.chosenByPartyId ? party(m.chosenByPartyId) : t('当事人', 'the parties');
  return t(
    `指派调解员：${list.zh}` +
      (chosen.length
        ? `；${chosen.map((m) => `${nameOf(m.mediatorId)}由${by(m).zh}选定`).join('，')}`
        : '') +
      '。',
    `Mediators assigned: ${list.en}` +
      (chosen.length
        ? `; chosen by the parties: ${chosen.map((m) => `${nameOf(m.mediatorId)} by ${by(m).en}`).join(', ')}`
        : '') +
      '.',
  );
}

/** "obligation 2, instalment 1": positions on the agreement, not ids. */
function obligationText(
  state: MediationState,
  obligationId: string,
  instalment: number,
): LocalizedText {
  const i = (state.agreement?.obligations ?? []).findIndex((o) => o.obligationId === obligationId);
  const n = i >= 0 ? String(i + 1) : '';
  return t(
    `第${n || '？'}项义务${instalment ? `第${instalment}期` : ''}`,
    `obligation ${n || '?'}${instalment ? `, instalment ${instalment}` : ''}`,
  );
}

function deadlineRef(state: MediationState, kind: string, ref: string): LocalizedText | null {
  if (kind !== 'PERFORMANCE_DUE' || !ref) return null;
  const [obligationId, instalment] = ref.split('#');
  return obligationText(state, obligationId, Number(instalment) || 0);
}

function closed(d: Data, nameOf: NameOf): LocalizedText {
  const outcome = words('CLOSURE_OUTCOME_', d.outcome);
  if (d.referralOutcome) {
    const institution = d.referralInstitution as { code: string } | null;
    const where = [institution?.code, d.referralDeskCode as string]
      .filter(Boolean)
      .map((c) => nameOf(c!));
    const result = phraseOf(commonV1.ReferralOutcome, d.referralOutcome as number);
    const ref = d.referralExternalReference ? String(d.referralExternalReference) : '';
    return t(
      `${where.join('')}反馈处理结果：${result.zh}${ref ? `（${ref}）` : ''}；结案：${outcome.zh}。`,
      `${where.join(', ') || 'The institution'} reported: ${result.en}${ref ? ` (${ref})` : ''}; closed: ${outcome.en}.`,
    );
  }
  const was = words('MEDIATION_STATUS_', d.finalStatus);
  // Closing a withdrawn, rejected or failed mediation as such needs no "it was".
  const same = d.outcome === d.finalStatus;
  return t(
    `结案：${outcome.zh}${same ? '' : `（结案前：${was.zh}）`}。`,
    `Closed: ${outcome.en}${same ? '' : ` (it was ${was.en})`}.`,
  );
}
