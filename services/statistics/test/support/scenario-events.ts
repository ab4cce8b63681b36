// The events the intake, mediation and referral services would publish for the scenario's
// stories: real contract payloads in real envelopes.
import { randomUUID } from 'node:crypto';
import {
  AGGREGATE_TYPES,
  EVENT_SOURCES,
  encodePayload,
  getEventType,
  toTimestamp,
  type EventPayload,
  type EventType,
  type PartialMessage,
} from '@mediation/contracts';
import type { BusEvent, OutgoingEvent } from '@mediation/event-bus';
import { orgDirectory } from '@mediation/org-directory';
import type { Level, ScenarioCase } from './scenario';

export interface TestTopics {
  intake: string;
  mediation: string;
  referral: string;
  alerts: string;
  /** The notification service's facts (reminders sent). */
  notification?: string;
}

const HANDLING: Record<Level, number> = {
  CITY: 1,
  DISTRICT: 2,
  STREET: 3,
  COMMUNITY: 4,
  REASONING_POINT: 5,
};
const ORG_LEVEL: Record<string, number> = {
  CITY: 1,
  DISTRICT: 2,
  STREET: 3,
  COMMUNITY: 4,
  POINT: 5,
};
const CLOSURE: Record<string, number> = {
  AGREEMENT_PERFORMED: 1,
  FAILED: 3,
  REFERRED_OUT: 4,
  REJECTED: 5,
  WITHDRAWN: 7,
};

export const orgRef = (code: string) => ({
  code,
  level: ORG_LEVEL[orgDirectory().unit(code).level],
});
const committee = (unit: string, level: Level) => ({
  code: `committee-${unit}`,
  orgUnitCode: unit,
  level: HANDLING[level],
});

/** Numbers each aggregate's events 1, 2, 3 ... as the services' outboxes do. */
export class EventFactory {
  private readonly sequences = new Map<string, number>();

  constructor(private readonly topics: TestTopics) {}

  event<T extends EventType>(
    type: T,
    aggregateId: string,
    at: number,
    payload: PartialMessage<EventPayload<T>>,
    orgUnitCode: string,
    caseId = aggregateId,
  ): OutgoingEvent {
    const def = getEventType(type);
    const key = `${def.aggregateType}/${aggregateId}`;
    const sequence = (this.sequences.get(key) ?? 0) + 1;
    this.sequences.set(key, sequence);
    const full = def.create(payload as never) as EventPayload<T>;
    const topic =
      def.aggregateType === AGGREGATE_TYPES.case
        ? this.topics.intake
        : def.aggregateType === AGGREGATE_TYPES.mediation
          ? this.topics.mediation
          : def.aggregateType === AGGREGATE_TYPES.delivery
            ? (this.topics.notification ?? 'notification')
            : this.topics.referral;
    const event: BusEvent = {
      eventId: randomUUID(),
      eventType: type,
      source: def.source ?? EVENT_SOURCES.intake,
      occurredAt: new Date(at),
      aggregateType: def.aggregateType,
      aggregateId,
      sequence,
      orgUnitCode,
      caseId,
      correlationId: '',
      causationId: '',
      payload: encodePayload(type, full),
    };
    return { topic, event };
  }
}

export function caseOpened(f: EventFactory, c: ScenarioCase, at = c.openedAt): OutgoingEvent {
  return f.event(
    'mediation.intake.v1.CaseOpened',
    c.caseId,
    at,
    {
      caseId: c.caseId,
      facts: {
        source: c.source,
        channel: c.channel,
        orgUnit: orgRef(c.orgUnitCode),
        category: c.category,
        peopleInvolved: c.people,
        amountInvolved: { currencyCode: 'CNY', amountFen: String(c.amountFen) },
        massDispute: c.mass,
        referringInstitutionType: c.entrusted?.institutionType ?? 0,
      },
      registeredAt: toTimestamp(at),
    },
    c.orgUnitCode,
  );
}

/** Every event of one story, in the order each service would record them. */
export function storyEvents(f: EventFactory, c: ScenarioCase): OutgoingEvent[] {
  const out: OutgoingEvent[] = [];
  const unit = c.orgUnitCode;
  if (c.entrusted)
    out.push(
      f.event(
        'mediation.referral.v1.EntrustmentReceived',
        c.entrusted.referralId,
        c.entrusted.at,
        {
          context: {
            referralId: c.entrusted.referralId,
            direction: 2,
            kind: 1,
            institution: { code: 'court-1', type: c.entrusted.institutionType },
            orgUnit: orgRef(unit),
            category: c.category,
          },
          peopleInvolved: c.people,
        },
        unit,
        '',
      ),
    );
  out.push(caseOpened(f, c));
  if (c.duplicateOf)
    out.push(
      f.event(
        'mediation.intake.v1.DuplicateLinked',
        c.caseId,
        c.openedAt + 60_000,
        {
          caseId: c.caseId,
          duplicateOfCaseId: c.duplicateOf,
          basis: 1,
          channel: c.channel,
        },
        unit,
      ),
    );
  if (c.withdrawnAt)
    out.push(
      f.event(
        'mediation.intake.v1.CaseWithdrawn',
        c.caseId,
        c.withdrawnAt,
        { caseId: c.caseId },
        unit,
      ),
    );
  const m = c.mediation;
  if (!m) return out;
  let level = m.startLevel;
  const ctx = () => ({
    mediationId: c.caseId,
    caseId: c.caseId,
    committee: committee(c.unitAt[level], level),
  });
  const med = <T extends EventType>(
    type: T,
    at: number,
    payload: PartialMessage<EventPayload<T>>,
  ) =>
    out.push(
      f.event(
        type,
        c.caseId,
        at,
        { context: ctx(), ...(payload as object) } as PartialMessage<EventPayload<T>>,
        unit,
      ),
    );
  med('mediation.mediation.v1.MediationCreated', m.createdAt, {
    orgUnit: orgRef(unit),
    category: c.category,
    source: c.source,
    channel: c.channel,
    entrustedBy: c.entrusted ? { code: 'court-1', type: c.entrusted.institutionType } : undefined,
  });
  if (m.rejectedAt) med('mediation.mediation.v1.MediationRejected', m.rejectedAt, { reason: 1 });
  if (m.acceptedAt) med('mediation.mediation.v1.MediationAccepted', m.acceptedAt, {});
  for (const e of m.escalations) {
    const from = committee(e.fromUnit, e.from);
    level = e.to;
    med('mediation.mediation.v1.MediationEscalated', e.at, {
      fromCommittee: from,
      toCommittee: committee(e.toUnit, e.to),
      reason: 1,
    });
    med('mediation.mediation.v1.MediationAccepted', e.acceptedAt, {});
  }
  if (m.overdueAt)
    med('mediation.mediation.v1.DeadlineBreached', m.overdueAt, { deadlineId: 'd1', kind: 2 });
  const a = m.agreement;
  if (a) {
    med('mediation.mediation.v1.AgreementReached', a.at, {
      agreementId: `agr-${c.caseId}`,
      form: a.written ? 1 : 2,
      totalAmount: { currencyCode: 'CNY', amountFen: String(a.amountFen) },
      performanceDueAt: a.performanceDue ? toTimestamp(a.at + 30 * 86_400_000) : undefined,
    });
    if (a.confirmationRequestedAt)
      med('mediation.mediation.v1.JudicialConfirmationRequested', a.confirmationRequestedAt, {});
    if (a.confirmedAt)
      med('mediation.mediation.v1.JudicialConfirmationRecorded', a.confirmedAt, { result: 3 });
    if (a.performedAt)
      med('mediation.mediation.v1.PerformanceRecorded', a.performedAt, {
        status: 2,
        agreementFullyPerformed: true,
      });
  }
  if (m.failure) {
    med('mediation.mediation.v1.MediationFailed', m.failure.at, {
      reason: 3,
      referralRequested: Boolean(m.failure.referral),
      referralInstitutionType: m.failure.referral?.institutionType ?? 0,
    });
    const r = m.failure.referral;
    if (r) {
      const context = {
        referralId: r.referralId,
        caseId: c.caseId,
        direction: 1,
        institution: { code: 'inst-1', type: r.institutionType },
        orgUnit: orgRef(unit),
        category: c.category,
      };
      out.push(
        f.event(
          'mediation.referral.v1.ReferralCreated',
          r.referralId,
          r.at,
          { context },
          unit,
          c.caseId,
        ),
      );
      out.push(
        f.event(
          'mediation.referral.v1.ReferralOutcomeRecorded',
          r.referralId,
          r.at + 86_400_000,
          {
            context,
            outcome: 2,
          },
          unit,
          c.caseId,
        ),
      );
    }
  }
  if (m.satisfaction)
    med('mediation.mediation.v1.SatisfactionRecorded', m.satisfaction.at, {
      score: m.satisfaction.score,
    });
  if (m.closed)
    med('mediation.mediation.v1.MediationClosed', m.closed.at, {
      outcome: CLOSURE[m.closed.outcome],
      preventedCriminalEscalation: Boolean(m.closed.preventedCriminalPersons),
      preventedCriminalEscalationPersons: m.closed.preventedCriminalPersons ?? 0,
      preventedMassPetition: Boolean(m.closed.preventedPetitionPersons),
      preventedMassPetitionPersons: m.closed.preventedPetitionPersons ?? 0,
    });
  return out;
}
