import { Inject, Injectable, Optional } from '@nestjs/common';
import { status, type Metadata } from '@grpc/grpc-js';
import {
  commonV1,
  derivedId,
  mediationV1,
  type intakeV1,
  type referralV1,
} from '@mediation/contracts';
import { canAccessOrgUnit, hasRole } from '@mediation/auth';
import type { OrgDirectory } from '@mediation/org-directory';
import { AggregateExistsError } from '@mediation/persistence';
import {
  eventTime,
  grpcError,
  invalidArgument,
  permissionDenied,
  requirePrincipal,
} from '@mediation/service-kit';
import { BACKFILL_ENABLED } from '../../backfill';
import { actorOf, isGlobal } from '../../access/referral-access';
import { invalid } from '../../domain/referral.errors';
import type { Transition } from '../../domain/referral.events';
import { createOutboundReferral, type NewOutboundReferral } from '../../domain/referral.factory';
import type {
  Actor,
  HandoverPackage,
  InstitutionType,
  ReferralState,
} from '../../domain/referral.types';
import type { SlaPolicy } from '../../domain/sla-policy';
import type { CaseFacts } from '../../persistence/case-facts.store';
import { CaseFactsStore } from '../../persistence/case-facts.store';
import type { IntakeCasesPort } from '../../ports/intake-cases.port';
import { ReferralRepository, type LoadedReferral } from '../../persistence/referral.repository';
import { toReferral } from '../../queries/referral-view.mapper';
import { nameOf } from '../../referral.codes';
import { toGrpcError } from '../../referral.errors';
import { CLOCK, INTAKE_CASES, ORG_DIRECTORY, SLA_POLICY, type Clock } from '../../referral.tokens';
import { routeToDesk } from '../../routing/desk-routing';
import { correlationId } from '../referral-command.pipeline';

const { Role } = commonV1;

/**
 * Outbound referrals: from CreateReferral (a committee sends a failed or out-of-scope matter to
 * an institution desk) and from a MediationFailed event whose parties asked for a referral.
 * Both are exactly-once: the referral id is derived from the request key or from case + target,
 * so a retry or a redelivered event finds the referral already there.
 *
 * CreateReferral only accepts a case it knows to exist and to be in the caller's scope: from the
 * case facts its events brought, or else from intake itself (a case opened a moment ago whose
 * events have not arrived). A case intake does not know is NOT_FOUND; when intake cannot answer,
 * UNAVAILABLE. Either way nothing is written.
 */
@Injectable()
export class CreateReferralHandler {
  constructor(
    private readonly referrals: ReferralRepository,
    private readonly caseFacts: CaseFactsStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SLA_POLICY) private readonly policy: SlaPolicy,
    @Inject(ORG_DIRECTORY) private readonly directory: OrgDirectory,
    @Inject(INTAKE_CASES) private readonly intake: IntakeCasesPort,
    @Optional() @Inject(BACKFILL_ENABLED) private readonly backfillEnabled = false,
  ) {}

  async handle(
    req: referralV1.CreateReferralRequest,
    md: Metadata,
  ): Promise<referralV1.CreateReferralResponse> {
    const principal = requirePrincipal(md);
    const violations = [
      ...(!req.idempotencyKey || req.idempotencyKey.length > 128
        ? [{ field: 'idempotency_key', description: 'required, at most 128 characters' }]
        : []),
      ...(!req.caseId ? [{ field: 'case_id', description: 'required' }] : []),
    ];
    if (violations.length > 0) throw invalidArgument(violations);
    try {
      const kind = nameOf<NewOutboundReferral['kind']>('kind', req.kind);
      if (kind !== 'AFTER_FAILED_MEDIATION' && kind !== 'OUT_OF_SCOPE')
        throw invalid('kind', 'outbound referrals are AFTER_FAILED_MEDIATION or OUT_OF_SCOPE');
      const type = nameOf<InstitutionType>('institutionType', req.institutionType);
      if (!type) throw invalid('institution_type', 'a known institution type is required');
      const global = isGlobal(principal);
      if (!global && !hasRole(principal, Role.ROLE_MEDIATOR, Role.ROLE_COMMITTEE_ADMIN))
        throw permissionDenied('not permitted to refer this case');
      const facts = await this.knownCase(req.caseId, md);
      const orgUnitCode = facts.orgUnitCode;
      if (!global && !canAccessOrgUnit(principal, orgUnitCode, this.directory))
        throw permissionDenied('not permitted to refer this case');

      const referralId = derivedId('create-referral', req.caseId, req.idempotencyKey);
      const existing = await this.referrals.load(referralId);
      if (existing) return this.response(existing, true);
      const transition = this.outbound(
        {
          referralId,
          kind,
          caseId: req.caseId,
          mediationId: req.mediationId || req.caseId,
          institutionType: type,
          deskCode: req.deskCode,
          remedy: req.remedy,
          handover: req.handover
            ? {
                summary: req.handover.summary,
                whatWasTried: req.handover.whatWasTried,
                documentIds: [...req.handover.documentIds],
              }
            : handoverFrom(facts, null),
        },
        facts,
        orgUnitCode,
        actorOf(principal),
      );
      try {
        const created = await this.referrals.create(transition, this.clock(), {
          correlationId: correlationId(md),
        });
        return this.response(created, false);
      } catch (error) {
        if (!(error instanceof AggregateExistsError)) throw error;
        return this.response((await this.referrals.load(referralId))!, true);
      }
    } catch (error) {
      throw toGrpcError(error);
    }
  }

  /**
   * Where the case sits, from its events if they have arrived, else from intake. Never from the
   * caller: a case this service has not seen yet is not thereby in anyone's scope.
   */
  private async knownCase(
    caseId: string,
    md: Metadata,
  ): Promise<CaseFacts & { orgUnitCode: string }> {
    const facts = await this.caseFacts.get(caseId);
    if (facts?.orgUnitCode) return { ...facts, orgUnitCode: facts.orgUnitCode };
    let found: intakeV1.Case | null | undefined;
    try {
      found = (await this.intake.getCase(caseId, { correlationId: correlationId(md) })).case;
    } catch (error) {
      const code = (error as { code?: number }).code;
      // Intake answers INVALID_ARGUMENT for an id that cannot be a case id at all.
      if (code === status.NOT_FOUND || code === status.INVALID_ARGUMENT)
        throw grpcError(status.NOT_FOUND, `case ${caseId} does not exist`);
      throw grpcError(
        status.UNAVAILABLE,
        `case ${caseId} is not known here yet and intake cannot confirm it now; retry later`,
      );
    }
    if (!found?.orgUnit?.code)
      throw grpcError(status.UNAVAILABLE, `intake did not say where case ${caseId} sits; retry`);
    return {
      ...(facts ?? {}),
      _id: caseId,
      caseNumber: facts?.caseNumber ?? found.caseNumber,
      orgUnitCode: found.orgUnit.code,
      committee: facts?.committee ?? (found.committee ? { ...found.committee } : undefined),
      category: facts?.category ?? found.category,
    };
  }

  /** MediationFailed with referral_requested: the case goes to the requested institution's desk. */
  async fromFailedMediation(
    failed: mediationV1.MediationFailed,
    meta: { caseId: string; causationId: string; correlationId: string; occurredAt?: Date },
  ): Promise<LoadedReferral | null> {
    if (!failed.referralRequested) return null;
    // A backfilled failure (old occurredAt, backfill on) opens the referral as of then.
    const time = eventTime(meta.occurredAt, this.clock(), this.backfillEnabled);
    const type = nameOf<InstitutionType>('institutionType', failed.referralInstitutionType);
    if (!type) throw invalid('referral_institution_type', 'unknown institution type');
    const caseId = failed.context?.caseId || meta.caseId;
    const facts = await this.caseFacts.get(caseId);
    const orgUnitCode = facts?.orgUnitCode ?? failed.context?.committee?.orgUnitCode ?? '';
    const transition = this.outbound(
      {
        referralId: derivedId('after-failed-mediation', caseId, type, failed.referralDeskCode),
        kind: 'AFTER_FAILED_MEDIATION',
        caseId,
        mediationId: failed.context?.mediationId || caseId,
        institutionType: type,
        deskCode: failed.referralDeskCode,
        remedy: failed.referralRemedy,
        handover: handoverFrom(facts, failed),
      },
      facts,
      orgUnitCode,
      failed.context?.actor?.subject ? failed.context.actor : null,
      time.at,
    );
    try {
      return await this.referrals.create(transition, time.at, {
        causationId: meta.causationId,
        correlationId: meta.correlationId,
        ...(time.backfilled ? { backfillWrittenAt: this.clock() } : {}),
      });
    } catch (error) {
      if (error instanceof AggregateExistsError) return null; // redelivered: created before
      throw error;
    }
  }

  private outbound(
    input: Omit<NewOutboundReferral, 'desk' | 'committee' | 'orgUnitCode' | 'category'> & {
      institutionType: InstitutionType;
      deskCode: string;
    },
    facts: CaseFacts | null,
    orgUnitCode: string,
    actor: Actor | null,
    now: Date = this.clock(),
  ): Transition<ReferralState> {
    const desk = routeToDesk(this.directory, input.institutionType, orgUnitCode, input.deskCode);
    return createOutboundReferral(
      {
        ...input,
        desk,
        committee: facts?.committee ?? null,
        orgUnitCode,
        category: facts?.category ?? 0,
      },
      { now, actor, policy: this.policy },
    );
  }

  private response(loaded: LoadedReferral, replayed: boolean) {
    return { referral: toReferral(loaded, this.clock(), this.directory), replayed };
  }
}

/**
 * A handover package from what the service learnt from the case's events (events carry no free
 * text: the committee adds prose through CreateReferral's handover).
 */
export function handoverFrom(
  facts: CaseFacts | null,
  failed: mediationV1.MediationFailed | null,
): HandoverPackage {
  const reason = failed
    ? (mediationV1.FailureReason[failed.reason] ?? 'FAILURE_REASON_UNSPECIFIED')
    : '';
  const remedies = (failed?.remediesTold ?? []).map((r) => commonV1.Remedy[r] ?? String(r));
  return {
    summary: [
      facts?.caseNumber ? `case ${facts.caseNumber}` : '',
      failed ? `mediation failed (${reason})` : '',
    ]
      .filter(Boolean)
      .join('; '),
    whatWasTried: [
      `${facts?.sessionsHeld ?? 0} mediation session(s) held`,
      `${facts?.contactAttempts ?? 0} contact attempt(s)`,
      remedies.length > 0 ? `parties told of: ${remedies.join(', ')}` : '',
    ]
      .filter(Boolean)
      .join('; '),
    documentIds: [...(facts?.documentIds ?? [])],
  };
}
