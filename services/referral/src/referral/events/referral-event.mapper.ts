// Domain events -> the contract's referral events (and the audit-trail lines beside them).
// Events carry no free text and no PII: notes and summaries stay in the referral document.
import {
  dayText,
  phraseOfName,
  referralV1,
  toTimestamp,
  type commonV1,
  bilingual,
  type LocalizedText,
} from '@mediation/contracts';
import type { OrgDirectory } from '@mediation/org-directory';
import { newEvent, type NewEvent } from '@mediation/persistence';
import type { ReferralDomainEvent } from '../domain/referral.events';
import type { Actor, DeskRef, HistoryStep, ReferralState } from '../domain/referral.types';
import { code, orgUnitRef } from '../referral.codes';

export interface EventMeta {
  /** The referral events topic (configurable so that tests use their own). */
  topic: string;
  correlationId?: string;
  causationId?: string;
  /** When the events happened (a backfilled step's time); default: when they are recorded. */
  occurredAt?: Date;
}

const PREFIX = 'mediation.referral.v1.';

export const actorRef = (actor: Actor | null): commonV1.ActorRef => ({
  subject: actor?.subject ?? '',
  role: actor?.role ?? 0,
  orgUnitCode: actor?.orgUnitCode ?? '',
  displayName: actor?.displayName ?? '',
});

export const deskRef = (desk: DeskRef): commonV1.DeskRef => ({
  code: desk.code,
  institutionCode: desk.institutionCode,
  institutionType: code('institutionType', desk.institutionType),
});

function context(
  state: ReferralState,
  actor: Actor | null,
  directory: OrgDirectory,
): referralV1.ReferralEventContext {
  return {
    referralId: state.referralId,
    caseId: state.caseId,
    mediationId: state.mediationId,
    direction: code('direction', state.direction),
    kind: code('kind', state.kind),
    institution: {
      code: state.institution.code,
      type: code('institutionType', state.institution.type),
    },
    desk: deskRef(state.desk),
    orgUnit: orgUnitRef(directory, state.orgUnitCode),
    category: state.category,
    actor: actorRef(actor),
  };
}

/** The events to record with `state` (the state after the command). */
export function toNewEvents(
  state: ReferralState,
  events: ReferralDomainEvent[],
  meta: EventMeta,
  directory: OrgDirectory,
): NewEvent[] {
  const fields = {
    caseId: state.caseId,
    orgUnitCode: state.orgUnitCode,
    correlationId: meta.correlationId,
    causationId: meta.causationId,
    ...(meta.occurredAt ? { occurredAt: meta.occurredAt } : {}),
  };
  return events.map((e) => {
    const ctx = context(state, e.actor, directory);
    const ts = toTimestamp;
    let recorded: NewEvent;
    switch (e.type) {
      case 'ReferralCreated':
        recorded = newEvent(
          'mediation.referral.v1.ReferralCreated',
          referralV1.ReferralCreated.fromPartial({
            context: ctx,
            committee: state.committee ?? undefined,
            remedy: state.remedy,
            claimDueAt: state.claimDueAt ? ts(state.claimDueAt) : undefined,
          }),
          fields,
        );
        break;
      case 'ReferralClaimed':
        recorded = newEvent(
          'mediation.referral.v1.ReferralClaimed',
          { context: ctx, lawyerId: e.lawyerId, outcomeDueAt: ts(e.outcomeDueAt) },
          fields,
        );
        break;
      case 'ReferralDeclined':
        recorded = newEvent(
          'mediation.referral.v1.ReferralDeclined',
          {
            context: ctx,
            reason: code('declineReason', e.reason),
            rerouteDeskCode: e.rerouteDeskCode,
            backToSender: e.backToSender,
          },
          fields,
        );
        break;
      case 'ReferralRerouted':
        recorded = newEvent(
          'mediation.referral.v1.ReferralRerouted',
          {
            context: ctx,
            fromDesk: deskRef(e.fromDesk),
            toDesk: deskRef(e.toDesk),
            claimDueAt: ts(e.claimDueAt),
          },
          fields,
        );
        break;
      case 'ReferralWorkRecorded':
        recorded = newEvent(
          'mediation.referral.v1.ReferralWorkRecorded',
          {
            context: ctx,
            workId: e.work.workId,
            workKind: code('workKind', e.work.kind),
            performedAt: ts(e.work.performedAt),
            durationMinutes: e.work.durationMinutes,
          },
          fields,
        );
        break;
      case 'ReferralOutcomeRecorded':
        recorded = newEvent(
          'mediation.referral.v1.ReferralOutcomeRecorded',
          {
            context: ctx,
            outcome: code('outcome', e.outcome),
            externalReference: e.externalReference,
            decidedAt: ts(e.decidedAt),
          },
          fields,
        );
        break;
      case 'ReferralReturned':
        recorded = newEvent(
          'mediation.referral.v1.ReferralReturned',
          { context: ctx, reason: code('returnReason', e.reason) },
          fields,
        );
        break;
      case 'EntrustmentReceived':
        recorded = newEvent(
          'mediation.referral.v1.EntrustmentReceived',
          {
            context: ctx,
            externalReference: state.externalReference,
            entrustedAt: ts(e.entrustedAt),
            termDueAt: state.termDueAt ? ts(state.termDueAt) : null,
            peopleInvolved: state.peopleInvolved,
            riskLevel: state.riskLevel,
          },
          fields,
        );
        break;
      case 'EntrustmentResultReported':
        recorded = newEvent(
          'mediation.referral.v1.EntrustmentResultReported',
          {
            context: ctx,
            result: code('entrustmentResult', e.result),
            agreementId: e.agreementId,
            judiciallyConfirmed: e.judiciallyConfirmed,
            reportedAt: ts(e.reportedAt),
          },
          fields,
        );
        break;
      case 'SlaBreached':
        recorded = newEvent(
          'mediation.referral.v1.SlaBreached',
          {
            context: ctx,
            sla: code('sla', e.sla),
            dueAt: ts(e.dueAt),
            escalatedTo: e.escalatedTo,
          },
          fields,
        );
        break;
      case 'RiskAlertRaised':
        recorded = newEvent(
          'mediation.referral.v1.RiskAlertRaised',
          {
            context: ctx,
            riskLevel: state.riskLevel,
            riskFactors: state.riskFactors,
            triggerEventType: e.triggerEventType,
          },
          fields,
        );
        break;
    }
    return { ...recorded, topic: meta.topic };
  });
}

/** The audit-trail lines for the events, numbered as the repository will number them. */
export function toHistory(
  state: ReferralState,
  events: ReferralDomainEvent[],
  lastSequence: number,
  now: Date,
  directory: OrgDirectory,
): HistoryStep[] {
  const deskName = (d: DeskRef) => directory.findDesk(d.code)?.name ?? d.code;
  return events.map((e, i) => {
    const text = summarize(e, deskName);
    return {
      sequence: lastSequence + i + 1,
      eventType: PREFIX + e.type,
      occurredAt: now,
      actor: e.actor,
      deskCode: state.desk.code,
      summary: text.en,
      summaryZh: text.zh,
    };
  });
}

const t = bilingual;
/** A domain name ("WRONG_DESK") in the words of its contract value (DECLINE_REASON_WRONG_DESK). */
const words = (prefix: string, name: string) => phraseOfName(prefix + name);

/**
 * One sentence in Chinese and English per step, with enum values in words (timeline-labels in
 * @mediation/contracts) and desks by name: never a number or an enum identifier.
 */
function summarize(e: ReferralDomainEvent, deskName: (d: DeskRef) => string): LocalizedText {
  switch (e.type) {
    case 'ReferralClaimed':
      return t('驻点律师认领。', 'Claimed by a stationed lawyer.');
    case 'ReferralDeclined': {
      const why = words('DECLINE_REASON_', e.reason);
      return e.backToSender
        ? t(`因${why.zh}不予接收，退回移送方。`, `Declined because ${why.en}; back to the sender.`)
        : t(`因${why.zh}不予接收。`, `Declined because ${why.en}.`);
    }
    case 'ReferralRerouted':
      return t(
        `由${deskName(e.fromDesk)}改送${deskName(e.toDesk)}。`,
        `Rerouted from ${deskName(e.fromDesk)} to ${deskName(e.toDesk)}.`,
      );
    case 'ReferralWorkRecorded': {
      const kind = words('WORK_KIND_', e.work.kind);
      return t(
        `记录工作：${kind.zh}，用时${e.work.durationMinutes}分钟。`,
        `Work recorded: ${kind.en}, ${e.work.durationMinutes} minutes.`,
      );
    }
    case 'ReferralOutcomeRecorded': {
      const outcome = words('REFERRAL_OUTCOME_', e.outcome);
      return t(`反馈处理结果：${outcome.zh}。`, `Outcome recorded: ${outcome.en}.`);
    }
    case 'ReferralReturned': {
      const why = words('RETURN_REASON_', e.reason);
      return t(`因${why.zh}退回。`, `Returned because ${why.en}.`);
    }
    case 'EntrustmentResultReported': {
      const result = words('ENTRUSTMENT_RESULT_', e.result);
      return t(
        `向委派机构反馈结果：${result.zh}。`,
        `Result reported to the entrusting institution: ${result.en}.`,
      );
    }
    case 'SlaBreached': {
      const sla = words('SLA_KIND_', e.sla);
      const due = dayText(e.dueAt);
      return t(
        `${sla.zh}（${due.zh}）已超期，已报告主管。`,
        `${sla.en.charAt(0).toUpperCase()}${sla.en.slice(1)} (${due.en}) was missed; escalated to a supervisor.`,
      );
    }
    case 'RiskAlertRaised':
      return t('纠纷有激化风险，已发出预警。', 'Risk alert raised: the dispute may escalate.');
    case 'ReferralCreated':
      return t('移送已创建。', 'Referral created.');
    case 'EntrustmentReceived':
      return t('收到委派调解。', 'Entrustment received.');
  }
}
