import { randomUUID } from 'node:crypto';
import { mayReadPii, partyPhoneOf } from '@mediation/auth';
import { commonV1, fromTimestamp, intakeV1, uuidFromDigest } from '@mediation/contracts';
import { InvalidInputError, NotPermittedError, RuleViolationError } from '@mediation/domain-kit';
import type { OrgDirectory } from '@mediation/org-directory';
import { AggregateExistsError } from '@mediation/persistence';
import { idempotencyKeyReused, type CommandCall } from '@mediation/service-kit';
import { idempotencyScope, sameScope } from '../../../idempotency/idempotency-scope';
import type { IntakePolicy } from '../../../intake.tokens';
import type { PiiProtector } from '../../../pii/pii-protector';
import { actorOf, assertCaseScope } from '../../case-access';
import type { CaseState } from '../../domain/case.entity';
import { formatCaseNumber, MAX_CASE_SEQUENCE } from '../../domain/case-number';
import { duplicateSearch, originalOf } from '../../domain/duplicates';
import { newCase, type NewCaseInput } from '../../domain/new-case';
import type { CaseEvents } from '../../events/case-events';
import { openingEvents } from '../../events/case-event.mapper';
import { caseView } from '../../mapping/case-view.mapper';
import { orgPlacement } from '../../mapping/org-placement';
import { toStoredParties } from '../../mapping/stored-parties';
import type { CaseNumberSequence } from '../../persistence/case-number.sequence';
import type { DisputeKeyIndex } from '../../persistence/dispute-key.index';
import type { CaseRepository, StoredCase } from '../../persistence/case.repository';
import { onlineApplicationProblems } from './online-application';
import { validateOpenCase } from './open-case.validator';

/** Bounded so that a broken index can never spin a request forever. */
const MAX_NUMBER_ATTEMPTS = 200;

/**
 * OpenCase registers a dispute (a create command, run by `pipeline.command`): validate
 * everything, authorise, replay an idempotent retry, then allocate the case number and insert the
 * case with its events in one write. The number is allocated last so that nothing rejected can
 * consume one.
 */
export class OpenCaseCommand {
  constructor(
    private readonly cases: CaseRepository,
    private readonly numbers: CaseNumberSequence,
    private readonly disputes: DisputeKeyIndex,
    private readonly events: CaseEvents,
    private readonly pii: PiiProtector,
    private readonly directory: OrgDirectory,
    private readonly policy: IntakePolicy,
  ) {}

  async execute(
    req: intakeV1.OpenCaseRequest,
    call: CommandCall,
  ): Promise<intakeV1.OpenCaseResponse> {
    const { principal, at } = call;
    const problems = validateOpenCase(req, this.directory, at, this.policy.dates);
    if (problems.length) throw new InvalidInputError(problems);
    this.authorize(req, principal);

    const revealPii = mayReadPii(principal);
    const view = (c: StoredCase, replayed: boolean) => ({
      case: caseView(c.id, c.version, c.state, revealPii ? this.pii : undefined),
      replayed,
    });
    const scope = req.idempotencyKey ? idempotencyScope(principal.subject, req.idempotencyKey) : '';
    // Hashed from the scope's earlier, NUL-separated form, so a key keeps naming the same case.
    const caseId = scope
      ? uuidFromDigest(
          Buffer.from(
            this.pii.hash(`case\u0000${principal.subject}\u0000${req.idempotencyKey}`),
            'base64url',
          ),
        )
      : randomUUID();
    // No look-up before the insert: a retry clashes on _id (its id derives from the key) and
    // returns the first case from there, nothing of its own written. New cases, the common
    // path, save a round trip (on FerretDB the connection is one serialised socket).
    const state = newCase(this.newCaseInput(req, call, scope || caseId), {
      massDispute: this.policy.massDispute,
      hash: (t) => this.pii.hash(t),
    });
    if (scope) state.requestFingerprint = this.fingerprint(req);
    const search = duplicateSearch(at, call.backfilled, this.policy.duplicates);
    const originalId = originalOf(await this.disputes.find(state.disputeKeys), search)?.caseId;
    const original = originalId ? await this.cases.aggregates.load(originalId) : null;
    if (original) state.duplicateOfCaseId = original.id;

    const created = await this.numbers.serialise(state.committeeCode, state.numberYear, () =>
      this.insertNumbered(caseId, state, original, call),
    );
    if ('replayedBy' in created) return view(created.replayedBy, true);
    if (original) await this.cases.addDuplicateBackLink(original.id, caseId);
    else await this.disputes.register(state.disputeKeys, caseId, at);
    return view(created, false);
  }

  /**
   * Staff open cases inside their subtree. A party (the party app) opens its own online
   * application anywhere in the city: the place picked decides the committee, as for anyone.
   */
  private authorize(req: intakeV1.OpenCaseRequest, principal: CommandCall['principal']): void {
    if (!principal.roles.includes(commonV1.Role.ROLE_PARTY))
      return assertCaseScope(principal, req.orgUnitCode, this.directory);
    const phone = partyPhoneOf(principal);
    if (!phone) throw new NotPermittedError();
    const problems = onlineApplicationProblems(req, phone);
    if (problems.length) throw new InvalidInputError(problems);
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
    call: Pick<CommandCall, 'correlationId' | 'backfilled'>,
  ): Promise<StoredCase | { replayedBy: StoredCase }> {
    const committee = this.directory.committee(state.committeeCode);
    const linked = original && { case: original, windowDays: this.policy.duplicates.windowDays };
    let seq = await this.numbers.first(state.committeeCode, state.numberYear);
    for (let attempt = 1; ; attempt++) {
      if (seq > MAX_CASE_SEQUENCE)
        throw new RuleViolationError(
          `${committee.name} has numbered ${MAX_CASE_SEQUENCE} cases in ${state.numberYear}, the most its case numbers' five digits hold`,
        );
      state.numberSeq = seq;
      state.caseNumber = formatCaseNumber(state.numberYear, committee.shortName, seq);
      try {
        const created = await this.cases.create(
          caseId,
          state,
          openingEvents(this.events, caseId, state, linked, call.correlationId).map((e) => ({
            ...e,
            backfilled: call.backfilled,
          })),
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
    if (!earlier || !sameScope(earlier.state.idempotencyScope, state.idempotencyScope)) return null;
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

  /** The validated request as the domain's registration: PII sealed, the org unit placed. */
  private newCaseInput(
    req: intakeV1.OpenCaseRequest,
    call: CommandCall,
    idempotencyScope: string,
  ): NewCaseInput {
    return {
      idempotencyScope,
      source: req.source,
      channel: req.channel,
      platformLevel: req.platformLevel,
      referringInstitution: req.referringInstitution
        ? { code: req.referringInstitution.code, type: req.referringInstitution.type }
        : null,
      externalReference: req.externalReference,
      referralId: req.referralId,
      placement: orgPlacement(this.directory, req.orgUnitCode),
      category: req.category,
      parties: toStoredParties(req.parties, this.pii),
      peopleInvolved: req.peopleInvolved,
      amountFen: Number(req.amountInvolved?.amountFen ?? 0),
      description: req.description,
      risk: req.risk
        ? { level: req.risk.level, factors: [...req.risk.factors], note: req.risk.note }
        : null,
      disputeStartedAt: req.disputeStartedAt ? fromTimestamp(req.disputeStartedAt) : null,
      entrustedTermDueAt: req.entrustedTermDueAt ? fromTimestamp(req.entrustedTermDueAt) : null,
      registeredBy: actorOf(call.principal),
      at: call.at,
    };
  }
}
