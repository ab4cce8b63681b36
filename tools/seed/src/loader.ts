import { status, type ServiceError } from '@grpc/grpc-js';
import {
  CST_OFFSET_MS,
  commonV1,
  derivedId,
  fromTimestamp,
  intakeV1,
  mediationV1,
  referralV1,
  toTimestamp,
  type GrpcInput,
  type GrpcRequestOf,
  type GrpcServiceKey,
  type UnaryMethodAnswering,
  type UnaryMethodName,
} from '@mediation/contracts';
import { backoffDelay, sleep, type Backoff } from '@mediation/event-bus';
import type { OrgDirectory } from '@mediation/org-directory';
import {
  createGrpcClient,
  type CallAs,
  type GrpcClient,
  type GrpcClientResponse,
} from '@mediation/service-kit';
import type { CasePlan, Step } from './plan';
import { applicationChannel, personParty } from './registration';
import { standingRoster, type DeskSeat, type RosterSeat } from './rosters';

// Plays a planned history through the services' own gRPC commands, each step backfilled
// (x-recorded-at) at its planned time, so that stores, events, timelines and statistics agree.

const M = mediationV1;
const { Role } = commonV1;
type Principal = commonV1.Principal;
type Mediation = mediationV1.Mediation;

/** A registration: see `HistoryLoader.open`. */
export interface Opened {
  caseId: string;
  version: string;
  replayed: boolean;
  repeated: boolean;
  /** When it was registered (backfilled): OpenCase answers it, EntrustCase does not. */
  registeredAt?: Date;
}

/**
 * Whether a timeline (a mediation's) or history (a referral's) holds an act recorded at `at`
 * (backfilled acts carry their time).
 */
const actedAt = (
  entries: ReadonlyArray<{ occurredAt?: Parameters<typeof fromTimestamp>[0] | null }>,
  at: Date,
) => entries.some((t) => t.occurredAt && fromTimestamp(t.occurredAt).getTime() === at.getTime());

export type Addresses = Record<Exclude<GrpcServiceKey, 'statistics' | 'notification'>, string>;

/** Who the demo users are (the gateway's development issuer), to act as them where they act. */
export interface DemoLine {
  pointCode: string;
  communityCommitteeCode: string;
  streetCommitteeCode: string;
  courtDeskCode: string;
}

/**
 * `loaded`: registered and every step taken now; `replayed`: registered before and nothing left
 * to do; `resumed`: registered before, the steps not taken yet were taken now.
 */
export type CaseResult = 'loaded' | 'replayed' | 'resumed';

/** A step the services refused (or that never came through): which one, and why. */
export class StepFailed extends Error {
  constructor(
    readonly step: string,
    override readonly cause: unknown,
  ) {
    const e = cause as Partial<ServiceError>;
    super(`${step}: ${e.details || e.message || String(cause)}`);
    this.name = 'StepFailed';
  }
}

/**
 * How far a case registered before got: every act stamped at or before `at` was taken (steps are
 * backfilled in time order, never backwards), so only the later ones are sent. Acts of a timer
 * (stamped today, after the case's last planned step) do not count.
 */
interface Progress {
  at: number;
  sent: number;
}

/** Waits for another service's work: 100 ms, growing by half, at most 2 s. */
const FOUND_POLL: Backoff = { initialDelayMs: 100, maxDelayMs: 2_000, factor: 1.5 };

/**
 * A service that was away (a crash, a restart) or did not answer in time: the same call is sent
 * again, for up to the loader's patience. Every loader call is safe to repeat: a read; a create
 * with its idempotency key (the repeat answers the first result, `replayed`); or a command at an
 * expected version (a repeat after a lost answer is ABORTED, and the caller re-reads to see
 * whether its act took effect: `act`, `withdraw`, `referralAct`).
 */
const TRANSIENT = new Set<number>([status.UNAVAILABLE, status.DEADLINE_EXCEEDED]);
const TRANSIENT_RETRY: Backoff = { initialDelayMs: 250, maxDelayMs: 5_000, factor: 2 };

/**
 * The referral service derives the id of a failed mediation's referral from case, institution
 * type and desk (derivedId of @mediation/contracts, docs/referral.md).
 */
export const afterFailedMediationReferralId = (caseId: string, deskCode: string) =>
  derivedId('after-failed-mediation', caseId, 'COURT', deskCode);

/** A step that acts once per party or obligation records its acts this far apart. */
export const ACT_SPACING_MS = 60_000;

export class HistoryLoader {
  private readonly intake: GrpcClient<'intake'>;
  private readonly mediation: GrpcClient<'mediation'>;
  private readonly referral: GrpcClient<'referral'>;
  private readonly admin: Principal;

  constructor(
    addresses: Addresses,
    private readonly dir: OrgDirectory,
    private readonly demo: DemoLine,
    private readonly patienceMs = 120_000,
  ) {
    this.intake = createGrpcClient('intake', addresses.intake);
    this.mediation = createGrpcClient('mediation', addresses.mediation);
    this.referral = createGrpcClient('referral', addresses.referral);
    this.admin = commonV1.Principal.fromPartial({
      subject: 'history-loader',
      roles: [Role.ROLE_ADMINISTRATOR],
      orgUnitCode: dir.city.code,
      displayName: '历史数据补录',
    });
  }

  /**
   * Waits until intake, mediation and referral answer (a service still starting is UNAVAILABLE;
   * any other answer, NOT_FOUND for a case that does not exist included, means it serves).
   */
  async whenServing(patienceMs: number): Promise<void> {
    const deadline = Date.now() + patienceMs;
    const none = '00000000-0000-4000-8000-000000000000';
    const as = { principal: this.admin };
    const probes: [string, () => Promise<unknown>][] = [
      ['getCase', () => this.intake.call('getCase', { caseId: none }, as)],
      ['getMediation', () => this.mediation.call('getMediation', { mediationId: none }, as)],
      ['getReferral', () => this.referral.call('getReferral', { referralId: none }, as)],
    ];
    for (const [method, probe] of probes)
      for (;;) {
        const code = await probe().then(
          () => status.OK,
          (e: ServiceError) => e.code,
        );
        if (code !== status.UNAVAILABLE && code !== status.DEADLINE_EXCEEDED) break;
        if (Date.now() > deadline) throw new Error(`${method}: the service does not answer`);
        await sleep(1_000);
      }
  }

  /** Calls made and their total time, per RPC (printed with the progress). */
  readonly timings = new Map<string, { calls: number; ms: number }>();
  /** Calls sent again after a transient answer (UNAVAILABLE, DEADLINE_EXCEEDED). */
  transientRetries = 0;

  private async timed<S extends GrpcServiceKey, M extends UnaryMethodName<S>>(
    client: GrpcClient<S>,
    method: M,
    request: GrpcInput<GrpcRequestOf<S, M>>,
    as: CallAs,
    /** Counts this call's repeats, for a caller that must know whether it sent twice. */
    repeats?: { count: number },
  ): Promise<GrpcClientResponse<S, M>> {
    const began = Date.now();
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          return await client.call(method, request, as);
        } catch (e) {
          const code = (e as ServiceError).code;
          if (!TRANSIENT.has(code) || Date.now() - began > this.patienceMs) throw e;
          this.transientRetries++;
          if (repeats) repeats.count++;
          await sleep(backoffDelay(TRANSIENT_RETRY, attempt));
        }
      }
    } finally {
      const t = this.timings.get(method) ?? { calls: 0, ms: 0 };
      t.calls++;
      t.ms += Date.now() - began;
      this.timings.set(method, t);
    }
  }

  close(): void {
    for (const c of [this.intake, this.mediation, this.referral]) c.close();
  }

  /**
   * Gives each committee of the demo users its roster, unless it has members already (a roster
   * kept by hand since is left alone). Returns how many rosters were written.
   */
  async seedRosters(rosters: Map<string, RosterSeat[]>): Promise<number> {
    let written = 0;
    for (const [committeeCode, seats] of rosters) {
      const got = await this.mediation.call(
        'getCommitteeRoster',
        { committeeCode },
        { principal: this.admin },
      );
      if ((got.roster?.members.length ?? 0) > 0) continue;
      let version = got.roster?.version ?? '0';
      for (const seat of seats) {
        const set = await this.mediation.call(
          'setRosterMember',
          { committeeCode, expectedVersion: version, ...seat },
          { principal: this.admin },
        );
        version = set.roster!.version;
      }
      written++;
    }
    return written;
  }

  /**
   * Gives each desk its staff, unless it has some already (a roster kept by hand since is left
   * alone). Returns how many desk rosters were written.
   */
  async seedDeskStaff(desks: Map<string, DeskSeat[]>): Promise<number> {
    let written = 0;
    for (const [deskCode, staff] of desks) {
      const got = await this.referral.call(
        'listDeskStaff',
        { deskCode },
        { principal: this.admin },
      );
      if ((got.desk?.staff.length ?? 0) > 0) continue;
      await this.referral.call(
        'assignDeskStaff',
        { deskCode, expectedVersion: got.desk?.version ?? '0', staff },
        { principal: this.admin },
      );
      written++;
    }
    return written;
  }

  /**
   * Registers one case and takes its steps; `replayed` when it had been registered before. With
   * `resume`, a case registered before gets the steps it does not have yet (`resumed`), so that a
   * run interrupted half-way, or a step refused and since fixed, completes on the next run.
   * A refused step throws StepFailed naming it. `opened`: registered by `register` already.
   */
  async load(
    plan: CasePlan,
    options: { resume?: boolean; onOpened?: (plan: CasePlan) => void; opened?: Opened } = {},
  ): Promise<{ result: CaseResult; caseId: string }> {
    const opened = options.opened ?? (await this.register(plan));
    options.onOpened?.(plan);
    const caseId = opened.caseId;
    // A replay of this run's own lost first attempt goes on like a resumed case: every step it
    // has not taken yet is taken.
    if (opened.replayed && !opened.repeated && !options.resume)
      return { result: 'replayed', caseId };
    const progress: Progress = { at: opened.replayed ? -Infinity : 0, sent: 0 };
    const first = plan.steps[0];
    if (first?.kind === 'withdraw') {
      await this.withdraw(opened, first, progress);
    } else if (plan.steps.length > 0) {
      let m = await this.created(caseId);
      if (opened.replayed) progress.at = await this.progressOf(plan, m);
      for (const step of plan.steps) {
        try {
          m = await this.step(plan, m, step, progress);
        } catch (e) {
          throw new StepFailed(step.kind, e);
        }
      }
    }
    const result = !opened.replayed ? 'loaded' : progress.sent > 0 ? 'resumed' : 'replayed';
    return { result, caseId };
  }

  /** The time of the last act of a case registered before (mediation timeline, referral). */
  private async progressOf(plan: CasePlan, m: Mediation): Promise<number> {
    const last = plan.steps[plan.steps.length - 1]?.at.getTime() ?? 0;
    const times = m.timeline.map((t) => fromTimestamp(t.occurredAt!).getTime());
    if (plan.steps.some((s) => s.kind.startsWith('referral-'))) {
      const referralId = afterFailedMediationReferralId(m.mediationId, plan.court.deskCode);
      const got = await this.referral
        .call('getReferral', { referralId }, { principal: this.admin })
        .catch((e: ServiceError) => {
          if (e.code === status.NOT_FOUND) return undefined;
          throw e;
        });
      for (const h of got?.referral?.history ?? [])
        if (h.occurredAt) times.push(fromTimestamp(h.occurredAt).getTime());
    }
    // A timer's act is stamped today, later than any planned step: it says nothing of ours.
    return Math.max(-Infinity, ...times.filter((t) => t <= last + ACT_SPACING_MS * 100));
  }

  // ---- registration -------------------------------------------------------------------------

  /** Registers the case (`open`); a refusal throws StepFailed naming the command. */
  register(plan: CasePlan): Promise<Opened> {
    return this.open(plan).catch((e: unknown) => {
      throw new StepFailed(plan.entrust ? 'entrustCase' : 'openCase', e);
    });
  }

  /**
   * Registers the case. `replayed`: it was registered before; `repeated`: this call was sent more
   * than once, so the registration found may be its own first attempt's, whose answer was lost.
   */
  private async open(plan: CasePlan): Promise<Opened> {
    const parties = plan.parties.map((p) =>
      commonV1.Party.fromPartial({
        ...personParty(p),
        phone: p.phone,
        address: p.address ?? this.address(plan),
        consent: commonV1.ConsentState.CONSENT_STATE_GIVEN,
      }),
    );
    const amount = { currencyCode: 'CNY', amountFen: String(plan.amountFen) };
    if (plan.entrust) {
      const kinds = {
        COURT_PRE_FILING: referralV1.ReferralKind.REFERRAL_KIND_COURT_PRE_FILING,
        PETITION_HANDOVER: referralV1.ReferralKind.REFERRAL_KIND_PETITION_HANDOVER,
        POLICE_HANDOVER: referralV1.ReferralKind.REFERRAL_KIND_POLICE_HANDOVER,
      };
      const repeats = { count: 0 };
      const res = await this.timed(
        this.referral,
        'entrustCase',
        referralV1.EntrustCaseRequest.fromPartial({
          idempotencyKey: plan.key,
          kind: kinds[plan.entrust.kind],
          institutionCode: plan.entrust.institutionCode,
          deskCode: plan.entrust.deskCode,
          externalReference: `（${cstYear(plan.openedAt)}）委调${String(plan.index).padStart(5, '0')}`,
          orgUnitCode: plan.orgUnitCode,
          category: plan.category,
          parties,
          peopleInvolved: plan.peopleInvolved,
          amountInvolved: amount,
          description: plan.description,
          entrustedAt: toTimestamp(plan.openedAt),
          handover: { summary: plan.description, whatWasTried: '', documentIds: [] },
        }),
        { principal: this.lawyer(plan.entrust.deskCode), recordedAt: plan.openedAt },
        repeats,
      );
      // The case opened by the referral service is at version 1 (CaseOpened only).
      return {
        caseId: res.caseId,
        version: '1',
        replayed: res.replayed,
        repeated: repeats.count > 0,
      };
    }
    const repeats = { count: 0 };
    const res = await this.timed(
      this.intake,
      'openCase',
      intakeV1.OpenCaseRequest.fromPartial({
        idempotencyKey: plan.key,
        source: commonV1.CaseSource.CASE_SOURCE_PARTY_APPLICATION,
        ...applicationChannel(this.dir, plan),
        orgUnitCode: plan.orgUnitCode,
        category: plan.category,
        parties,
        peopleInvolved: plan.peopleInvolved,
        amountInvolved: amount,
        description: plan.description,
        risk: { level: commonV1.RiskLevel.RISK_LEVEL_LOW, factors: [], note: '' },
      }),
      { principal: this.registrar(plan), recordedAt: plan.openedAt },
      repeats,
    );
    return {
      caseId: res.case!.caseId,
      version: res.case!.version,
      replayed: res.replayed,
      repeated: repeats.count > 0,
      registeredAt: res.case!.registeredAt ? fromTimestamp(res.case!.registeredAt) : undefined,
    };
  }

  /** Withdraws the case at intake, unless a run before did. */
  private async withdraw(opened: Opened, step: Step, progress: Progress): Promise<void> {
    if (step.kind !== 'withdraw') return;
    const as = { principal: this.admin };
    let version = opened.version;
    try {
      if (opened.replayed) {
        const { case: c } = await this.intake.call('getCase', { caseId: opened.caseId }, as);
        if (c!.status === intakeV1.CaseStatus.CASE_STATUS_WITHDRAWN) return;
        version = c!.version;
      }
      await this.timed(
        this.intake,
        'withdrawCase',
        { caseId: opened.caseId, expectedVersion: version, reason: step.reason },
        { ...as, recordedAt: step.at },
      ).catch(async (e: ServiceError) => {
        // ABORTED after a lost answer: withdrawn by that first attempt, or truly stale.
        if (e.code !== status.ABORTED) throw e;
        const { case: c } = await this.intake.call('getCase', { caseId: opened.caseId }, as);
        if (c!.status !== intakeV1.CaseStatus.CASE_STATUS_WITHDRAWN) throw e;
      });
      progress.sent++;
    } catch (e) {
      throw new StepFailed('withdraw', e);
    }
  }

  // ---- mediation ----------------------------------------------------------------------------

  private async get(caseId: string): Promise<Mediation> {
    const res = await this.timed(
      this.mediation,
      'getMediation',
      { mediationId: caseId },
      { principal: this.admin },
    );
    return res.mediation!;
  }

  /** Waits for the mediation service to create the mediation from intake's CaseOpened. */
  private created(caseId: string): Promise<Mediation> {
    return this.whenFound(() => this.get(caseId), `mediation ${caseId} was not created`);
  }

  /** Calls `get` until it stops answering NOT_FOUND (another service has not caught up yet). */
  private async whenFound<T>(get: () => Promise<T>, what: string): Promise<T> {
    const deadline = Date.now() + this.patienceMs;
    for (let attempt = 1; ; attempt++) {
      try {
        return await get();
      } catch (e) {
        if ((e as ServiceError).code !== status.NOT_FOUND) throw e;
      }
      if (Date.now() > deadline) throw new Error(`${what} in time`);
      await sleep(backoffDelay(FOUND_POLL, attempt));
    }
  }

  /**
   * A mediation command at the version last seen; one ABORTED (a timer's write) is re-read. An
   * act a run before took already (at or before the case's progress) is not sent again.
   */
  private async act(
    progress: Progress,
    m: Mediation,
    method: UnaryMethodAnswering<'mediation', 'mediation'>,
    at: Date,
    request: object = {},
    as: Principal = this.handler(m),
  ): Promise<Mediation> {
    if (at.getTime() <= progress.at) return m;
    progress.sent++;
    for (let attempt = 0; ; attempt++) {
      try {
        const res = await this.timed(
          this.mediation,
          method,
          { mediationId: m.mediationId, expectedVersion: m.version, ...request },
          { principal: as, recordedAt: at },
        );
        return res.mediation!;
      } catch (e) {
        if ((e as ServiceError).code !== status.ABORTED || attempt >= 3) throw e;
        m = await this.get(m.mediationId);
        // The act is in the timeline at its time: an earlier attempt took it and its answer was
        // lost. Otherwise another write (a timer's) came first: act again at the new version.
        if (actedAt(m.timeline, at)) return m;
      }
    }
  }

  private async step(
    plan: CasePlan,
    m: Mediation,
    step: Step,
    progress: Progress,
  ): Promise<Mediation> {
    const at = step.at;
    const act = (
      mediation: Mediation,
      method: UnaryMethodAnswering<'mediation', 'mediation'>,
      when: Date,
      request: object = {},
    ): Promise<Mediation> =>
      this.act(progress, mediation, method, when, request, this.handler(mediation, plan));
    /** The i-th act of a step that acts once per party or obligation. */
    const nth = (i: number) => new Date(at.getTime() + i * ACT_SPACING_MS);
    const parties = m.parties;
    const applicant = parties.find((p) => p.role === commonV1.PartyRole.PARTY_ROLE_APPLICANT);
    const respondent = parties.find((p) => p.role === commonV1.PartyRole.PARTY_ROLE_RESPONDENT);
    switch (step.kind) {
      case 'accept':
        return act(m, 'accept', at);
      case 'reject':
        return act(m, 'reject', at, {
          reason: M.RejectionReason.REJECTION_REASON_ALREADY_ACCEPTED_BY_COURT,
          note: '法院已立案受理',
          remediesTold: [commonV1.Remedy.REMEDY_LITIGATION],
        });
      case 'escalate':
        return act(m, 'escalate', at, {
          reason: M.EscalationReason.ESCALATION_REASON_COMPLEXITY,
          note: '案情复杂，提请上级调委会调解',
        });
      case 'consent': {
        for (const [i, p] of parties.entries())
          m = await act(m, 'recordConsent', nth(i), {
            partyId: p.partyId,
            subject: M.ConsentSubject.CONSENT_SUBJECT_MEDIATION,
            method: M.ConsentMethod.CONSENT_METHOD_WRITTEN,
            givenAt: toTimestamp(nth(i)),
          });
        return m;
      }
      case 'agree': {
        const written = step.form === 'WRITTEN';
        // The mediator who records (art. 28) or signs (art. 29) it is appointed just before.
        m = await act(m, 'assignMediators', new Date(at.getTime() - ACT_SPACING_MS), {
          mediators: [
            { mediatorId: await this.leadFor(plan, m), role: M.MediatorRole.MEDIATOR_ROLE_LEAD },
          ],
        });
        return act(m, 'reachAgreement', at, {
          form: written
            ? M.AgreementForm.AGREEMENT_FORM_WRITTEN
            : M.AgreementForm.AGREEMENT_FORM_ORAL,
          facts: plan.description,
          issues: '责任承担及赔偿数额',
          responsibilities: '经调解，双方自愿达成如下协议',
          signedPartyIds: written ? parties.map((p) => p.partyId) : [],
          effectiveAt: toTimestamp(at),
          parties: written
            ? plan.parties.map((p, i) => ({
                partyId: parties[i]?.partyId ?? '',
                ...personParty(p),
                address: p.address ?? this.address(plan),
              }))
            : [],
          terms: {
            obligations:
              written && step.amountFen > 0 && applicant && respondent
                ? [
                    {
                      obligorPartyId: respondent.partyId,
                      obligeePartyId: applicant.partyId,
                      kind: M.ObligationKind.OBLIGATION_KIND_PAYMENT,
                      description: '一次性支付补偿款',
                      amount: { currencyCode: 'CNY', amountFen: String(step.amountFen) },
                      manner: M.PerformanceManner.PERFORMANCE_MANNER_LUMP_SUM,
                      dueAt: toTimestamp(new Date(at.getTime() + 30 * 86_400_000)),
                    },
                  ]
                : [],
            otherTerms: written ? '双方就此纠纷再无其他争议' : '双方当场和解，互相谅解',
          },
        });
      }
      case 'confirm-request':
        return act(m, 'requestJudicialConfirmation', at, {
          courtCode: plan.court.code,
          appliedAt: toTimestamp(at),
          applicantPartyIds: parties.map((p) => p.partyId),
        });
      case 'confirm-accepted':
        return act(m, 'recordConfirmation', at, {
          result: M.JudicialConfirmationResult.JUDICIAL_CONFIRMATION_RESULT_ACCEPTED,
          confirmationNumber: `（${cstYear(at)}）辽${plan.districtCode.slice(2, 6)}民特${plan.index + 1}号`,
          decidedAt: toTimestamp(at),
        });
      case 'confirmed':
        return act(m, 'recordConfirmation', at, {
          result: M.JudicialConfirmationResult.JUDICIAL_CONFIRMATION_RESULT_CONFIRMED,
          decidedAt: toTimestamp(at),
        });
      case 'perform': {
        const obligations = m.agreement?.terms?.obligations ?? [];
        for (const [i, o] of obligations.entries())
          m = await act(m, 'recordPerformance', nth(i), {
            obligationId: o.obligationId,
            status: M.PerformanceStatus.PERFORMANCE_STATUS_PERFORMED,
            amountPaid: o.amount,
            performedAt: toTimestamp(nth(i)),
          });
        return m;
      }
      case 'follow-up':
        return act(m, 'recordFollowUp', at, {
          visitedAt: toTimestamp(at),
          method: M.ContactMethod.CONTACT_METHOD_PHONE,
          result: M.FollowUpResult.FOLLOW_UP_RESULT_PERFORMED,
          note: '电话回访，协议已履行',
        });
      case 'satisfaction':
        return applicant
          ? act(m, 'recordSatisfaction', at, { partyId: applicant.partyId, score: step.score })
          : m;
      case 'fail':
        return act(m, 'fail', at, {
          reason: M.FailureReason.FAILURE_REASON_NO_CONSENSUS,
          note: '双方分歧较大，调解不成',
          remediesTold: [commonV1.Remedy.REMEDY_LITIGATION],
          referralRequest: step.referToCourt
            ? {
                institutionType: commonV1.InstitutionType.INSTITUTION_TYPE_COURT,
                deskCode: plan.court.deskCode,
                remedy: commonV1.Remedy.REMEDY_LITIGATION,
                summary: '调解不成，当事人选择诉讼',
              }
            : undefined,
        });
      case 'referral-claim': {
        if (at.getTime() <= progress.at) return m; // taken by a run before
        progress.sent++;
        const referral = await this.outboundReferral(m.mediationId, plan.court.deskCode);
        await this.referralAct(referral, at, () =>
          this.timed(
            this.referral,
            'claim',
            { referralId: referral.referralId, expectedVersion: referral.version },
            { principal: this.lawyer(plan.court.deskCode), recordedAt: at },
          ),
        );
        return m;
      }
      case 'referral-outcome': {
        if (at.getTime() <= progress.at) return m; // taken by a run before
        progress.sent++;
        const referral = await this.outboundReferral(m.mediationId, plan.court.deskCode);
        const filed = plan.index % 3 !== 0;
        await this.referralAct(referral, at, () =>
          this.timed(
            this.referral,
            'recordOutcome',
            {
              referralId: referral.referralId,
              expectedVersion: referral.version,
              outcome: filed
                ? commonV1.ReferralOutcome.REFERRAL_OUTCOME_GUIDED_TO_LITIGATION_FILED
                : commonV1.ReferralOutcome.REFERRAL_OUTCOME_RESOLVED_BY_MEDIATION,
              note: filed ? '已引导起诉并立案' : '经法院诉前调解化解',
              externalReference: filed
                ? `（${cstYear(at)}）辽${plan.districtCode.slice(2, 6)}民初${plan.index + 1}号`
                : '',
              decidedAt: toTimestamp(at),
            },
            { principal: this.lawyer(plan.court.deskCode), recordedAt: at },
          ),
        );
        return m;
      }
      case 'close': {
        const outcome = {
          AGREEMENT_PERFORMED: M.ClosureOutcome.CLOSURE_OUTCOME_AGREEMENT_PERFORMED,
          AGREEMENT_CONFIRMED: M.ClosureOutcome.CLOSURE_OUTCOME_AGREEMENT_CONFIRMED,
          FAILED: M.ClosureOutcome.CLOSURE_OUTCOME_FAILED,
          REJECTED: M.ClosureOutcome.CLOSURE_OUTCOME_REJECTED,
        }[step.outcome];
        const ledger = plan.ledger;
        const note = ledger
          ? `结案归档（原台账编号 ${ledger.reference}${ledger.mediatorName ? `，调解员 ${ledger.mediatorName}` : ''}）`
          : '结案归档';
        return act(m, 'closeMediation', at, { outcome, note });
      }
      case 'withdraw':
        throw new Error('a withdrawal is only planned as the first step');
    }
  }

  /**
   * A referral command at the version read; ABORTED after a lost answer is resolved by reading
   * the referral again: its history holds the act at its time when the first attempt took it.
   */
  private async referralAct(
    referral: referralV1.Referral,
    at: Date,
    send: () => Promise<unknown>,
  ): Promise<void> {
    try {
      await send();
    } catch (e) {
      if ((e as ServiceError).code !== status.ABORTED) throw e;
      const { referral: now } = await this.timed(
        this.referral,
        'getReferral',
        { referralId: referral.referralId },
        { principal: this.admin },
      );
      if (!actedAt(now?.history ?? [], at)) throw e;
    }
  }

  /** The court's referral of a failed mediation, once the referral service has opened it. */
  private async outboundReferral(caseId: string, deskCode: string): Promise<referralV1.Referral> {
    const referralId = afterFailedMediationReferralId(caseId, deskCode);
    const res = await this.whenFound(
      () => this.timed(this.referral, 'getReferral', { referralId }, { principal: this.admin }),
      `referral ${referralId} was not opened`,
    );
    return res.referral!;
  }

  private address(plan: CasePlan): string {
    return `${this.dir.fullName(plan.orgUnitCode)}${(plan.index % 40) + 1}号楼`;
  }

  /** Lead mediator per handler, once per run (cases of one committee load concurrently). */
  private readonly leads = new Map<string, Promise<string>>();

  /**
   * The lead mediator for the handler holding the case: the acting staff member if on its
   * roster, else its first active member; a handler of the generated history without a roster
   * first gets a standing one. A ledger's case takes the member the ledger names, else the first
   * active one, and never invents a roster: without one its agreement step is refused.
   */
  private async leadFor(plan: CasePlan, m: Mediation): Promise<string> {
    const code = m.committee!.code;
    if (plan.ledger) {
      const { roster } = await this.mediation.call(
        'getCommitteeRoster',
        { committeeCode: code },
        { principal: this.admin },
      );
      const active = (roster?.members ?? []).filter((x) => x.active);
      const named = active.find((x) => x.name === plan.ledger!.mediatorName);
      if (!active.length)
        throw new Error(
          `${this.committeeName(code)} (${code}) has no active members on its roster: enter them, then import again`,
        );
      return (named ?? active[0]).memberId;
    }
    let lead = this.leads.get(code);
    if (!lead) {
      const subject = this.handler(m).subject;
      lead = this.seedRosters(new Map([[code, standingRoster(code, subject)]]))
        .then(() =>
          this.mediation.call(
            'getCommitteeRoster',
            { committeeCode: code },
            { principal: this.admin },
          ),
        )
        .then(({ roster }) => {
          const active = (roster?.members ?? []).filter((x) => x.active);
          return (active.find((x) => x.memberId === subject) ?? active[0]).memberId;
        });
      this.leads.set(code, lead);
    }
    return lead;
  }

  // ---- who acts ----------------------------------------------------------------------------

  /**
   * The staff of the committee (or reasoning point) holding the case, with the administrator
   * role that backfill needs: the timeline names them (their role first), the recorded time is
   * the ledger's. The demo users act in their own line of the hierarchy.
   */
  private handler(m: Mediation, plan?: CasePlan): Principal {
    const c = m.committee!;
    const atPoint = c.level === commonV1.HandlingLevel.HANDLING_LEVEL_REASONING_POINT;
    const demo =
      c.code === this.demo.pointCode
        ? { subject: 'demo-volunteer', name: '王志愿' }
        : c.code === this.demo.communityCommitteeCode
          ? { subject: 'demo-mediator', name: '李调解' }
          : c.code === this.demo.streetCommitteeCode
            ? { subject: 'demo-committee-admin', name: '赵主任' }
            : undefined;
    return commonV1.Principal.fromPartial({
      subject: demo?.subject ?? `${atPoint ? 'volunteer' : 'mediator'}-${c.code}`,
      roles: [atPoint ? Role.ROLE_VOLUNTEER : Role.ROLE_MEDIATOR, Role.ROLE_ADMINISTRATOR],
      orgUnitCode: c.orgUnitCode,
      committeeCode: c.code,
      displayName:
        demo?.name ??
        plan?.ledger?.mediatorName ??
        (atPoint ? '评理说事点志愿者' : `调解员（${this.committeeName(c.code)}）`),
    });
  }

  private committeeName(code: string): string {
    return this.dir.findCommittee(code)?.shortName ?? code;
  }

  private lawyer(deskCode: string): Principal {
    const desk = this.dir.desk(deskCode);
    const demo = deskCode === this.demo.courtDeskCode;
    return commonV1.Principal.fromPartial({
      subject: demo ? 'demo-lawyer' : `lawyer-${deskCode}`,
      roles: [Role.ROLE_STATIONED_LAWYER, Role.ROLE_ADMINISTRATOR],
      orgUnitCode: this.dir.institution(desk.institutionId).orgUnitCode,
      deskCode,
      institutionCode: desk.institutionId,
      displayName: demo ? '陈律师' : '驻点律师',
    });
  }

  /**
   * Who registers: the point's volunteers, the committee's staff, the hotline, the website; a
   * ledger's cases are registered by the importing clerk for the desk (one idempotency scope).
   */
  private registrar(plan: CasePlan): Principal {
    const desk = this.desk(plan);
    return plan.ledger ? { ...desk, subject: plan.ledger.registrar } : desk;
  }

  private desk(plan: CasePlan): Principal {
    const base = { roles: [Role.ROLE_MEDIATOR, Role.ROLE_ADMINISTRATOR] };
    if (plan.entry === 'hotline' || plan.entry === 'online')
      return commonV1.Principal.fromPartial({
        ...base,
        subject: plan.entry === 'hotline' ? 'hotline-12348' : 'online-platform',
        orgUnitCode: this.dir.city.code,
        displayName: plan.entry === 'hotline' ? '12348热线坐席' : '网上公共法律服务平台',
      });
    if (this.dir.level(plan.orgUnitCode) === 'POINT')
      return commonV1.Principal.fromPartial({
        subject:
          plan.orgUnitCode === this.demo.pointCode
            ? 'demo-volunteer'
            : `volunteer-${plan.orgUnitCode}`,
        roles: [Role.ROLE_VOLUNTEER, Role.ROLE_ADMINISTRATOR],
        orgUnitCode: plan.orgUnitCode,
        committeeCode: plan.orgUnitCode,
        displayName: '评理说事点志愿者',
      });
    const committee = this.dir.committeeFor(plan.orgUnitCode);
    return commonV1.Principal.fromPartial({
      ...base,
      subject: `mediator-${committee.id}`,
      orgUnitCode: plan.orgUnitCode,
      committeeCode: committee.id,
      displayName: `调解员（${committee.shortName}）`,
    });
  }
}

/** The calendar year in China Standard Time. */
export const cstYear = (t: Date) => new Date(t.getTime() + CST_OFFSET_MS).getUTCFullYear();
