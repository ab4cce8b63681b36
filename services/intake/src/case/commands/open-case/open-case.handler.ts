import type { Metadata } from '@grpc/grpc-js';
import { randomUUID } from 'node:crypto';
import {
  EVENT_TYPES,
  fromTimestamp,
  intakeV1,
  toTimestamp,
  uuidFromDigest,
  type commonV1,
} from '@mediation/contracts';
import type { OrgDirectory } from '@mediation/org-directory';
import { AggregateExistsError, type NewEvent } from '@mediation/persistence';
import { commandTime, idempotencyKeyReused, invalidArgument } from '@mediation/service-kit';
import type { PiiProtector } from '../../../pii/pii-protector';
import { actorOf, assertOrgAccess } from '../../case-access';
import { caseView } from '../../case-view.mapper';
import { CASE_STATUS, isMassDispute, type CaseState } from '../../domain/case.entity';
import { formatCaseNumber, numberingYear } from '../../domain/case-number';
import { disputeKeys } from '../../domain/dispute-keys';
import type { DisputeKeyIndex } from '../../persistence/dispute-key.index';
import type { CaseEvents } from '../../events/case-events';
import { caseFacts } from '../../events/case-facts';
import { committeeRef, orgUnitLevel } from '../../org-refs';
import type { CaseNumberSequence } from '../../persistence/case-number.sequence';
import type { CaseRepository, StoredCase } from '../../persistence/case.repository';
import { partyIdentities, toStoredParties } from '../../stored-parties';
import type { DateRules } from '../../validation/case-fields.validator';
import { validateOpenCase } from './open-case.validator';

export interface OpenCasePolicy {
  duplicateWindowDays: number;
  /** BACKFILL_ENABLED: administrators may date commands in the past (x-recorded-at). */
  backfillEnabled?: boolean;
  massDispute: { minPeople: number; minAmountFen: number };
  /** Date windows (DISPUTE_START_HORIZON_YEARS); the defaults when absent. */
  dates?: DateRules;
}

const DAY_MS = 86_400_000;
/** Bounded so that a broken index can never spin a request forever. */
const MAX_NUMBER_ATTEMPTS = 200;

/**
 * Registers a dispute: validate everything, authorise, replay an idempotent retry, then allocate
 * the case number and insert the case with its events in one write. The number is allocated
 * last so that nothing rejected can consume one.
 */
export class OpenCaseHandler {
  constructor(
    private readonly cases: CaseRepository,
    private readonly numbers: CaseNumberSequence,
    private readonly disputes: DisputeKeyIndex,
    private readonly events: CaseEvents,
    private readonly pii: PiiProtector,
    private readonly directory: OrgDirectory,
    private readonly policy: OpenCasePolicy,
  ) {}

  async execute(
    req: intakeV1.OpenCaseRequest,
    principal: commonV1.Principal,
    options: { correlationId?: string; revealPii: boolean; metadata?: Metadata },
  ): Promise<intakeV1.OpenCaseResponse> {
    const time = options.metadata
      ? commandTime(options.metadata, principal, {
          backfillEnabled: this.policy.backfillEnabled ?? false,
        })
      : { at: new Date(), backfilled: false };
    const now = time.at;
    const violations = validateOpenCase(req, this.directory, now, this.policy.dates);
    if (violations.length) throw invalidArgument(violations);
    assertOrgAccess(principal, req.orgUnitCode, this.directory);

    const view = (c: StoredCase, replayed: boolean) => ({
      case: caseView(c.id, c.version, c.state, options.revealPii ? this.pii : undefined),
      replayed,
    });
    const scope = req.idempotencyKey ? `${principal.subject}\u0000${req.idempotencyKey}` : '';
    const caseId = scope
      ? uuidFromDigest(Buffer.from(this.pii.hash(`case\u0000${scope}`), 'base64url'))
      : randomUUID();
    // No look-up before the insert: a retry clashes on _id (its id derives from the key) and
    // returns the first case from there, nothing of its own written. New cases, the common
    // path, save a round trip (on FerretDB the connection is one serialised socket).
    const state = this.buildState(req, principal, scope || caseId, now);
    if (scope) state.requestFingerprint = this.fingerprint(req);
    const since = new Date(now.getTime() - this.policy.duplicateWindowDays * DAY_MS);
    // A backfilled case is not the duplicate of a case registered after it.
    const originalId = await this.disputes.findOriginal(
      state.disputeKeys,
      since,
      time.backfilled ? now : undefined,
    );
    const original = originalId ? await this.cases.aggregates.load(originalId) : null;
    if (original) state.duplicateOfCaseId = original.id;

    const created = await this.numbers.serialise(state.committeeCode, state.numberYear, () =>
      this.insertNumbered(caseId, state, original, options.correlationId),
    );
    if ('replayedBy' in created) return view(created.replayedBy, true);
    if (original) await this.cases.addDuplicateBackLink(original.id, caseId);
    else await this.disputes.register(state.disputeKeys, caseId, now);
    return view(created, false);
  }

  /**
   * Inserts the case under the next free number of its committee and year; on a clash of the
   * number another request took it, so try the next (see CaseNumberSequence). A clash of the
   * idempotency key means a concurrent twin of this request won: return its case.
   */
  private async insertNumbered(
    caseId: string,
    state: CaseState,
    original: StoredCase | null,
    correlationId: string | undefined,
  ): Promise<StoredCase | { replayedBy: StoredCase }> {
    const committee = this.directory.committee(state.committeeCode);
    let seq = await this.numbers.first(state.committeeCode, state.numberYear);
    for (let attempt = 1; ; attempt++) {
      state.numberSeq = seq;
      state.caseNumber = formatCaseNumber(state.numberYear, committee.shortName, seq);
      try {
        const created = await this.cases.aggregates.create(
          caseId,
          state,
          this.openingEvents(caseId, state, original, correlationId),
        );
        await this.numbers.taken(state.committeeCode, state.numberYear, seq);
        return created;
      } catch (error) {
        if (!(error instanceof AggregateExistsError) || attempt >= MAX_NUMBER_ATTEMPTS) throw error;
        const twin = await this.replayOf(caseId, state);
        if (twin) return { replayedBy: twin };
        seq = await this.numbers.afterClash(state.committeeCode, state.numberYear, seq);
      }
    }
  }

  /**
   * The case an earlier call with the same key created (ids derive from caller and key). The
   * same key with another request is refused: replaying the first case would tell the caller
   * that its second registration was done when it was discarded.
   */
  private async replayOf(caseId: string, state: CaseState): Promise<StoredCase | null> {
    const earlier = await this.cases.aggregates.load(caseId);
    if (!earlier || earlier.state.idempotencyScope !== state.idempotencyScope) return null;
    const first = earlier.state.requestFingerprint;
    // Cases stored before fingerprints existed replay as they always did.
    if (first && first !== state.requestFingerprint) throw idempotencyKeyReused('idempotency_key');
    return earlier;
  }

  /**
   * A keyed hash of the request's canonical encoding (no personal data in clear). The entrusted
   * term is left out: a relay (referral's EntrustCase) recomputes it from its clock on a retry.
   */
  private fingerprint(req: intakeV1.OpenCaseRequest): string {
    const canonical = intakeV1.OpenCaseRequest.encode(
      intakeV1.OpenCaseRequest.fromPartial({ ...req, entrustedTermDueAt: undefined }),
    ).finish();
    return this.pii.hash(`request\u0000${Buffer.from(canonical).toString('base64')}`);
  }

  private buildState(
    req: intakeV1.OpenCaseRequest,
    principal: commonV1.Principal,
    scope: string,
    now: Date,
  ): CaseState {
    const unit = this.directory.unit(req.orgUnitCode);
    const committee = this.directory.committeeFor(unit.code);
    const parties = toStoredParties(req.parties, this.pii);
    const amountFen = Number(req.amountInvolved?.amountFen ?? 0);
    return {
      caseNumber: '',
      committeeCode: committee.id,
      numberYear: numberingYear(now),
      numberSeq: 0,
      idempotencyScope: scope,
      status: CASE_STATUS.REGISTERED,
      source: req.source,
      channel: req.channel,
      platformLevel: req.platformLevel,
      referringInstitution: req.referringInstitution
        ? { code: req.referringInstitution.code, type: req.referringInstitution.type }
        : null,
      externalReference: req.externalReference,
      referralId: req.referralId,
      orgUnitCode: unit.code,
      orgUnitLevel: orgUnitLevel(unit.level),
      orgPath: this.directory.path(unit.code).map((u) => u.code),
      committee: committeeRef(committee),
      category: req.category,
      parties,
      peopleInvolved: req.peopleInvolved,
      amountFen,
      currencyCode: 'CNY',
      massDispute: isMassDispute(req.peopleInvolved, amountFen, this.policy.massDispute),
      description: req.description,
      risk: req.risk
        ? { level: req.risk.level, factors: [...req.risk.factors], note: req.risk.note }
        : null,
      disputeStartedAt: req.disputeStartedAt ? fromTimestamp(req.disputeStartedAt) : null,
      entrustedTermDueAt: req.entrustedTermDueAt ? fromTimestamp(req.entrustedTermDueAt) : null,
      registeredAt: now,
      registeredBy: actorOf(principal),
      updatedAt: now,
      disputeKeys: disputeKeys(req.category, partyIdentities(parties), (t) => this.pii.hash(t)),
      duplicateOfCaseId: '',
      duplicateCaseIds: [],
      amendments: [],
      withdrawnAt: null,
      withdrawalReason: '',
    };
  }

  private openingEvents(
    caseId: string,
    s: CaseState,
    original: StoredCase | null,
    correlationId: string | undefined,
  ): NewEvent[] {
    const fields = {
      caseId,
      orgUnitCode: s.orgUnitCode,
      correlationId,
      occurredAt: s.registeredAt,
    };
    const opened = this.events.event(
      EVENT_TYPES.CaseOpened.type,
      intakeV1.CaseOpened.fromPartial({
        caseId,
        caseNumber: s.caseNumber,
        facts: caseFacts(s),
        registeredAt: toTimestamp(s.registeredAt),
        registeredBy: s.registeredBy,
        referralId: s.referralId,
        externalReference: s.externalReference,
        entrustedTermDueAt: s.entrustedTermDueAt ? toTimestamp(s.entrustedTermDueAt) : undefined,
      }),
      fields,
    );
    if (!original) return [opened];
    const linked = this.events.event(
      EVENT_TYPES.DuplicateLinked.type,
      intakeV1.DuplicateLinked.fromPartial({
        caseId,
        duplicateOfCaseId: original.id,
        basis: intakeV1.DuplicateMatchBasis.DUPLICATE_MATCH_BASIS_PARTIES_AND_CATEGORY,
        windowDays: this.policy.duplicateWindowDays,
        channel: s.channel,
        duplicateOfChannel: original.state.channel,
      }),
      fields,
    );
    return [opened, linked];
  }
}
