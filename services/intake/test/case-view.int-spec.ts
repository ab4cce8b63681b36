import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { status } from '@grpc/grpc-js';
import {
  AGGREGATE_TYPES,
  fromTimestamp,
  commonV1,
  getEventType,
  EVENT_TYPES as T,
  intakeV1,
  mediationV1,
  referralV1,
  toTimestamp,
  type EventType,
} from '@mediation/contracts';
import { createKafka, EventPublisher, type BusEvent } from '@mediation/event-bus';
import { eventually, testBrokers, uniqueName } from '@mediation/testing';
import {
  COMMUNITY,
  failure,
  openCaseRequest,
  OTHER_COMMUNITY,
  principal,
  Role,
  startHarness,
  type Harness,
} from './intake-harness';

// The case view against the real broker and store: mediation and referral events published on
// this suite's topics move each case's status, holder and referral as ListCases and GetCase show
// them; duplicates change nothing; a rebuild gives the same views and timeline; amendment and
// withdrawal are judged on the case's real state.

const S = intakeV1.CaseStatus;
const HERE: commonV1.CommitteeRef = {
  code: 'MC-210202002001',
  orgUnitCode: COMMUNITY,
  level: commonV1.HandlingLevel.HANDLING_LEVEL_COMMUNITY,
};
const STREET: commonV1.CommitteeRef = {
  code: 'MC-210202002',
  orgUnitCode: '210202002',
  level: commonV1.HandlingLevel.HANDLING_LEVEL_STREET,
};
const DESK: commonV1.DeskRef = {
  code: 'DESK-COURT-ZS',
  institutionCode: 'COURT-ZS',
  institutionType: commonV1.InstitutionType.INSTITUTION_TYPE_COURT,
};

let h: Harness;
let publisher: EventPublisher;
const clerk = { ...principal(Role.ROLE_MEDIATOR, COMMUNITY), displayName: '周登记' };
const admin = principal(Role.ROLE_ADMINISTRATOR, '');
const mediatorActor: commonV1.ActorRef = {
  subject: 'med-zhao',
  role: Role.ROLE_MEDIATOR,
  orgUnitCode: COMMUNITY,
  displayName: '赵调解',
};

beforeAll(async () => {
  h = await startHarness();
  publisher = new EventPublisher(
    createKafka({ brokers: testBrokers(), clientId: uniqueName('p') }),
  );
});
afterAll(async () => {
  await publisher?.disconnect();
  await h?.stop();
});

/** Publishes events of one source aggregate, numbered 1, 2, 3... as its producer would. */
class Source {
  readonly sent: BusEvent[] = [];
  constructor(
    private readonly topic: string,
    private readonly aggregateId: string,
    private readonly caseId: string,
  ) {}

  async publish<E extends EventType>(type: E, payload: object): Promise<BusEvent> {
    const def = getEventType(type);
    const event: BusEvent = {
      eventId: randomUUID(),
      eventType: type,
      source: def.source,
      occurredAt: new Date(),
      aggregateType: def.aggregateType,
      aggregateId: this.aggregateId,
      sequence: this.sent.length + 1,
      orgUnitCode: COMMUNITY,
      caseId: this.caseId,
      correlationId: '',
      causationId: '',
      payload: def.encode(def.create(payload as never) as never),
    };
    await this.resend(event);
    this.sent.push(event);
    return event;
  }

  /** Sends an event again, as a redelivery or a replay would. */
  resend(event: BusEvent): Promise<void> {
    return publisher.publish([{ topic: this.topic, event }]);
  }
}

const mediationOf = (caseId: string) => new Source(h.mediationTopic, caseId, caseId);
const referralOf = (caseId: string, referralId: string) =>
  new Source(h.referralTopic, referralId, caseId);
const context = (caseId: string, committee = HERE, actor: commonV1.ActorRef = mediatorActor) => ({
  context: { mediationId: caseId, caseId, committee, actor },
});
const referralContext = (caseId: string, referralId: string, lawyer = '') => ({
  context: referralV1.ReferralEventContext.fromPartial({
    referralId,
    caseId,
    mediationId: caseId,
    direction: referralV1.ReferralDirection.REFERRAL_DIRECTION_OUTBOUND,
    kind: referralV1.ReferralKind.REFERRAL_KIND_AFTER_FAILED_MEDIATION,
    institution: { code: DESK.institutionCode, type: DESK.institutionType },
    desk: DESK,
    orgUnit: { code: COMMUNITY, level: commonV1.OrgUnitLevel.ORG_UNIT_LEVEL_COMMUNITY },
    actor: lawyer
      ? { subject: lawyer, role: Role.ROLE_STATIONED_LAWYER, displayName: '王律师' }
      : undefined,
  }),
});

async function openCase(): Promise<intakeV1.Case> {
  const { case: opened } = await h.client.call(
    'openCase',
    openCaseRequest({ orgUnitCode: COMMUNITY }),
    { principal: clerk },
  );
  return opened!;
}

/** The case as ListCases shows it once `holds` is true of it. */
async function listedWhen(
  caseId: string,
  holds: (c: intakeV1.CaseSummary) => boolean,
  what: string,
  timeoutMs = 30_000,
): Promise<intakeV1.CaseSummary> {
  return eventually(
    async () => {
      const { cases } = await h.client.call(
        'listCases',
        { orgUnitCode: COMMUNITY, page: { pageSize: 100, pageToken: '' } },
        { principal: clerk },
      );
      const found = cases.find((c) => c.caseId === caseId);
      return found && holds(found) ? found : undefined;
    },
    { timeoutMs, what },
  );
}

const getCase = async (caseId: string) =>
  (await h.client.call('getCase', { caseId }, { principal: clerk })).case!;
const rawProgress = async (caseId: string) =>
  (await h.db.collection('cases').findOne({ _id: caseId as never }))?.progress as
    { rev: number; status: number; seq: Record<string, number> } | undefined;

/** When the street committee has to decide on the escalated case. */
const STREET_DECIDES_BY = new Date(Date.now() + 5 * 86_400_000);

describe('a case walked through its life', () => {
  let caseId: string;
  let mediation: Source;

  beforeAll(async () => {
    caseId = (await openCase()).caseId;
    mediation = mediationOf(caseId);
  });

  it('is registered, then moves with every mediation step (status and holder)', async () => {
    const registered = await listedWhen(caseId, (c) => Boolean(c.progress), 'intake projected');
    expect(registered).toMatchObject({ status: S.CASE_STATUS_REGISTERED });

    const steps: Array<[EventType, object, intakeV1.CaseStatus, commonV1.CommitteeRef]> = [
      [
        T.MediationCreated.type,
        { ...context(caseId), acceptanceDueAt: toTimestamp(new Date(Date.now() + 3 * 86_400_000)) },
        S.CASE_STATUS_REGISTERED,
        HERE,
      ],
      [T.MediationAccepted.type, context(caseId), S.CASE_STATUS_ACCEPTED, HERE],
      [
        T.MediationEscalated.type,
        {
          ...context(caseId, STREET),
          fromCommittee: HERE,
          toCommittee: STREET,
          path: [HERE, STREET],
          acceptanceDueAt: toTimestamp(STREET_DECIDES_BY),
        },
        S.CASE_STATUS_ESCALATED,
        STREET,
      ],
      [T.MediationAccepted.type, context(caseId, STREET), S.CASE_STATUS_ACCEPTED, STREET],
      [
        T.AgreementReached.type,
        { ...context(caseId, STREET), form: mediationV1.AgreementForm.AGREEMENT_FORM_WRITTEN },
        S.CASE_STATUS_AGREEMENT_WRITTEN,
        STREET,
      ],
      [
        T.JudicialConfirmationRequested.type,
        context(caseId, STREET),
        S.CASE_STATUS_CONFIRMATION_REQUESTED,
        STREET,
      ],
      [
        T.JudicialConfirmationRecorded.type,
        {
          ...context(caseId, STREET),
          result: mediationV1.JudicialConfirmationResult.JUDICIAL_CONFIRMATION_RESULT_CONFIRMED,
        },
        S.CASE_STATUS_CONFIRMED,
        STREET,
      ],
      [
        T.PerformanceRecorded.type,
        {
          ...context(caseId, STREET),
          status: mediationV1.PerformanceStatus.PERFORMANCE_STATUS_PARTIALLY_PERFORMED,
        },
        S.CASE_STATUS_PERFORMING,
        STREET,
      ],
      [
        T.PerformanceRecorded.type,
        {
          ...context(caseId, STREET),
          status: mediationV1.PerformanceStatus.PERFORMANCE_STATUS_PERFORMED,
          agreementFullyPerformed: true,
        },
        S.CASE_STATUS_PERFORMED,
        STREET,
      ],
      [
        T.MediationClosed.type,
        {
          ...context(caseId, STREET),
          outcome: mediationV1.ClosureOutcome.CLOSURE_OUTCOME_AGREEMENT_CONFIRMED,
        },
        S.CASE_STATUS_CLOSED,
        STREET,
      ],
    ];
    for (const [type, payload, expected, holder] of steps) {
      await mediation.publish(type, payload);
      const listed = await listedWhen(
        caseId,
        (c) => c.progress?.lastActivity === type && c.status === expected,
        `${type} -> ${S[expected]}`,
      );
      expect(listed).toMatchObject({
        intakeStatus: S.CASE_STATUS_REGISTERED,
        progress: { holder },
      });
      // Escalated: the street's own acceptance decision is the next deadline.
      if (type === T.MediationEscalated.type)
        expect(listed.progress).toMatchObject({
          nextDeadlineKind: intakeV1.DeadlineKind.DEADLINE_KIND_ACCEPTANCE,
          nextDeadlineAt: toTimestamp(STREET_DECIDES_BY),
        });
    }
    const shown = await getCase(caseId);
    expect(shown).toMatchObject({
      status: S.CASE_STATUS_CLOSED,
      intakeStatus: S.CASE_STATUS_REGISTERED,
      progress: { holder: STREET, path: [HERE, STREET], overdue: false },
    });
  });

  it('counts a redelivered or older event once (progress.rev unchanged)', async () => {
    const before = await rawProgress(caseId);
    // Kafka redelivering the last two events, then a replay of an older one.
    for (const e of mediation.sent.slice(-2)) await mediation.resend(e);
    await mediation.resend(mediation.sent[1]!);
    // The view keeps no separate sequence memory (HandlerKeepsSequences): its own store refuses them.
    expect(
      await h.db
        .collection('applied_sequences')
        .countDocuments({ _id: { $regex: `${AGGREGATE_TYPES.mediation}/${caseId}$` } as never }),
    ).toBe(0);
    await mediation.resend(mediation.sent[mediation.sent.length - 1]!);
    // Something new after them: once it shows, everything before it was handled.
    await mediation.publish(T.SatisfactionRecorded.type, context(caseId, STREET));
    await listedWhen(
      caseId,
      (c) => c.progress?.lastActivity === T.SatisfactionRecorded.type,
      'the event after the replays',
    );
    const after = await rawProgress(caseId);
    expect(after!.rev).toBe(before!.rev + 1);
    expect(after!.status).toBe(before!.status);
  });

  it('refuses to withdraw the closed case, and writes nothing', async () => {
    const before = await h.db.collection('cases').findOne({ _id: caseId as never });
    const error = await failure(
      h.client.call(
        'withdrawCase',
        { caseId, expectedVersion: String(before!.version), reason: '当事人撤回' },
        { principal: clerk },
      ),
    );
    expect(error?.code).toBe(status.FAILED_PRECONDITION);
    expect(await h.db.collection('cases').findOne({ _id: caseId as never })).toEqual(before);
  });

  it('keeps one timeline of intake and mediation steps, with names, for those who may read it', async () => {
    const { entries } = await h.client.call('getCaseTimeline', { caseId }, { principal: clerk });
    expect(entries[0]).toMatchObject({
      source: 'intake',
      eventType: T.CaseOpened.type,
      summary: '案件登记',
      summaryEn: 'Case registered',
      actor: { subject: clerk.subject, displayName: '周登记' },
      backfilled: false,
    });
    const escalated = entries.find((e) => e.eventType === T.MediationEscalated.type);
    expect(escalated).toMatchObject({
      source: 'mediation',
      summary: '上报上级调解组织',
      summaryEn: 'Escalated to a higher mediation organisation',
      actor: { displayName: '赵调解' },
      handler: STREET,
    });
    // Each event once, oldest first.
    expect(entries).toHaveLength(1 + mediation.sent.length);
    const times = entries.map((e) => fromTimestamp(e.occurredAt!).getTime());
    expect([...times].sort((a, b) => a - b)).toEqual(times);

    const stranger = principal(Role.ROLE_MEDIATOR, OTHER_COMMUNITY);
    const refused = await failure(
      h.client.call('getCaseTimeline', { caseId }, { principal: stranger }),
    );
    expect(refused?.code).toBe(status.PERMISSION_DENIED);
  });
});

describe('a referral out', () => {
  it('shows the referral pending, claimed, with its outcome, then the case closed', async () => {
    const caseId = (await openCase()).caseId;
    const referralId = randomUUID();
    const mediation = mediationOf(caseId);
    const referral = referralOf(caseId, referralId);
    await mediation.publish(T.MediationCreated.type, context(caseId));
    await mediation.publish(T.MediationAccepted.type, context(caseId));
    await mediation.publish(T.MediationFailed.type, context(caseId));
    await referral.publish(T.ReferralCreated.type, referralContext(caseId, referralId));
    const pending = await listedWhen(
      caseId,
      (c) => c.status === S.CASE_STATUS_REFERRED_OUT,
      'referred out',
    );
    expect(pending.progress?.referral).toMatchObject({
      referralId,
      inbound: false,
      stage: intakeV1.ReferralStage.REFERRAL_STAGE_PENDING,
      desk: DESK,
    });
    await referral.publish(T.ReferralClaimed.type, {
      ...referralContext(caseId, referralId, 'lawyer-wang'),
      lawyerId: 'lawyer-wang',
    });
    const claimed = await listedWhen(
      caseId,
      (c) => c.progress?.referral?.stage === intakeV1.ReferralStage.REFERRAL_STAGE_CLAIMED,
      'claimed',
    );
    expect(claimed.progress?.referral?.lawyerId).toBe('lawyer-wang');
    await referral.publish(
      T.ReferralOutcomeRecorded.type,
      referralContext(caseId, referralId, 'lawyer-wang'),
    );
    await listedWhen(
      caseId,
      (c) => c.progress?.referral?.stage === intakeV1.ReferralStage.REFERRAL_STAGE_OUTCOME_RECORDED,
      'outcome recorded',
    );
    await mediation.publish(T.MediationClosed.type, {
      ...context(caseId),
      outcome: mediationV1.ClosureOutcome.CLOSURE_OUTCOME_REFERRED_OUT,
    });
    await listedWhen(caseId, (c) => c.status === S.CASE_STATUS_CLOSED, 'closed');

    const { entries } = await h.client.call('getCaseTimeline', { caseId }, { principal: clerk });
    const claimStep = entries.find((e) => e.eventType === T.ReferralClaimed.type);
    expect(claimStep).toMatchObject({
      source: 'referral',
      referralId,
      summary: '驻点律师签收',
      summaryEn: 'Claimed by a stationed lawyer',
      actor: { subject: 'lawyer-wang', displayName: '王律师' },
      handler: { code: DESK.code },
    });
  });
});

describe('amending', () => {
  it('is refused once the committee accepted the case, and nothing is written', async () => {
    const opened = await openCase();
    const mediation = mediationOf(opened.caseId);
    await mediation.publish(T.MediationCreated.type, context(opened.caseId));
    await mediation.publish(T.MediationAccepted.type, context(opened.caseId));
    await listedWhen(opened.caseId, (c) => c.status === S.CASE_STATUS_ACCEPTED, 'accepted');
    // The case's own writes settle first: its view came with it (CaseOpened applied), and the
    // relay removes the published CaseOpened from its outbox.
    expect((await rawProgress(opened.caseId))?.seq.intake).toBe(1);
    const before = await eventually(
      async () => {
        const doc = await h.db.collection('cases').findOne({ _id: opened.caseId as never });
        return doc?.outboxPending === 0 ? doc : undefined;
      },
      { timeoutMs: 30_000, what: 'CaseOpened published' },
    );
    const error = await failure(
      h.client.call(
        'amendCase',
        {
          caseId: opened.caseId,
          expectedVersion: opened.version,
          reason: '更正类别',
          changes: { category: commonV1.DisputeCategory.DISPUTE_CATEGORY_PROPERTY_MANAGEMENT },
        },
        { principal: clerk },
      ),
    );
    expect(error?.code).toBe(status.FAILED_PRECONDITION);
    expect(await h.db.collection('cases').findOne({ _id: opened.caseId as never })).toEqual(before);
  });
});

describe('RebuildCaseViews', () => {
  it('is for administrators only', async () => {
    const error = await failure(h.client.call('rebuildCaseViews', {}, { principal: clerk }));
    expect(error?.code).toBe(status.PERMISSION_DENIED);
  });

  it('gives the same views and timelines again', async () => {
    const { cases } = await h.client.call(
      'listCases',
      { orgUnitCode: COMMUNITY, page: { pageSize: 100, pageToken: '' } },
      { principal: clerk },
    );
    const withView = cases.filter((c) => c.progress);
    expect(withView.length).toBeGreaterThanOrEqual(3);
    const timelines = new Map<string, intakeV1.TimelineEntry[]>();
    for (const c of withView) {
      const { entries } = await h.client.call(
        'getCaseTimeline',
        { caseId: c.caseId },
        { principal: clerk },
      );
      timelines.set(c.caseId, entries);
    }

    const { casesReset } = await h.client.call('rebuildCaseViews', {}, { principal: admin });
    expect(Number(casesReset)).toBeGreaterThanOrEqual(withView.length);

    for (const c of withView) {
      // The three topics replay at their own pace: wait for the whole view, show it if it differs.
      const again = await listedWhen(
        c.caseId,
        (x) => isDeepStrictEqual(x.progress, c.progress) && x.status === c.status,
        `case ${c.caseNumber} rebuilt`,
        120_000,
      ).catch(() => getCase(c.caseId));
      expect(again.progress).toEqual(c.progress);
      const entries = await eventually(
        async () => {
          const { entries: now } = await h.client.call(
            'getCaseTimeline',
            { caseId: c.caseId },
            { principal: clerk },
          );
          return now.length === timelines.get(c.caseId)!.length ? now : undefined;
        },
        { timeoutMs: 30_000, what: 'timeline rebuilt' },
      );
      expect(entries).toEqual(timelines.get(c.caseId));
    }
    const generation = await h.db.collection('case_view_generation').findOne({});
    expect(generation?.gen).toBe(2);
  });
});
