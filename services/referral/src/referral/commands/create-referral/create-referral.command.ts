import { status } from '@grpc/grpc-js';
import {
  commonV1,
  derivedId,
  mediationV1,
  phraseOf,
  type intakeV1,
  type referralV1,
} from '@mediation/contracts';
import { canAccessOrgUnit, hasRole } from '@mediation/auth';
import { FieldProblems, InvalidInputError, NotPermittedError } from '@mediation/domain-kit';
import { AggregateExistsError } from '@mediation/persistence';
import { eventTime, grpcError, type CommandCall } from '@mediation/service-kit';
import { actorOf, isGlobal } from '../../access/referral-access';
import type { Transition } from '../../domain/referral.events';
import { createOutboundReferral, type NewOutboundReferral } from '../../domain/referral.factory';
import type {
  Actor,
  HandoverPackage,
  InstitutionType,
  ReferralState,
} from '../../domain/referral.types';
import type { CaseFacts } from '../../persistence/case-facts.store';
import type { LoadedReferral } from '../../persistence/referral.repository';
import type { FailureHandover } from '../../ports/mediation-failures.port';
import { toReferral } from '../../queries/referral-view.mapper';
import { nameOf } from '../../referral.codes';
import { routeToDesk } from '../../routing/desk-routing';
import type { ReferralDeps } from '../../../referral.tokens';

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
 * UNAVAILABLE. Either way nothing is written. The referral is dated at the service clock.
 */
export async function createReferral(
  deps: ReferralDeps,
  req: referralV1.CreateReferralRequest,
  call: CommandCall,
): Promise<referralV1.CreateReferralResponse> {
  const { principal } = call;
  const problems = new FieldProblems();
  if (!req.idempotencyKey || req.idempotencyKey.length > 128)
    problems.add('idempotency_key', 'required, at most 128 characters');
  if (!req.caseId) problems.add('case_id', 'required');
  problems.throwIfAny();
  const kind = nameOf<NewOutboundReferral['kind']>('kind', req.kind);
  if (kind !== 'AFTER_FAILED_MEDIATION' && kind !== 'OUT_OF_SCOPE')
    throw new InvalidInputError(
      'kind',
      'outbound referrals are AFTER_FAILED_MEDIATION or OUT_OF_SCOPE',
    );
  const type = nameOf<InstitutionType>('institutionType', req.institutionType);
  if (!type)
    throw new InvalidInputError('institution_type', 'a known institution type is required');
  const global = isGlobal(principal);
  if (!global && !hasRole(principal, Role.ROLE_MEDIATOR, Role.ROLE_COMMITTEE_ADMIN))
    throw new NotPermittedError('not permitted to refer this case');
  const facts = await knownCase(deps, req.caseId, call);
  const orgUnitCode = facts.orgUnitCode;
  if (!global && !canAccessOrgUnit(principal, orgUnitCode, deps.directory))
    throw new NotPermittedError('not permitted to refer this case');

  const referralId = derivedId('create-referral', req.caseId, req.idempotencyKey);
  const existing = await deps.referrals.load(referralId);
  if (existing) return response(deps, existing, true);
  const now = deps.clock();
  const transition = outbound(
    deps,
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
    now,
  );
  try {
    const created = await deps.referrals.create(transition, now, {
      correlationId: call.correlationId,
    });
    return response(deps, created, false);
  } catch (error) {
    if (!(error instanceof AggregateExistsError)) throw error;
    return response(deps, (await deps.referrals.load(referralId))!, true);
  }
}

/**
 * Where the case sits, from its events if they have arrived, else from intake. Never from the
 * caller: a case this service has not seen yet is not thereby in anyone's scope.
 */
async function knownCase(
  deps: Pick<ReferralDeps, 'caseFacts' | 'intake'>,
  caseId: string,
  call: CommandCall,
): Promise<CaseFacts & { orgUnitCode: string }> {
  const facts = await deps.caseFacts.get(caseId);
  if (facts?.orgUnitCode) return { ...facts, orgUnitCode: facts.orgUnitCode };
  let found: intakeV1.Case | null | undefined;
  try {
    found = (await deps.intake.getCase(caseId, { correlationId: call.correlationId })).case;
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
export async function openAfterFailedMediation(
  deps: ReferralDeps,
  failed: mediationV1.MediationFailed,
  meta: {
    caseId: string;
    causationId: string;
    correlationId: string;
    occurredAt?: Date;
    backfilled?: boolean;
  },
): Promise<LoadedReferral | null> {
  if (!failed.referralRequested) return null;
  // A backfilled failure (old occurredAt, backfill on) opens the referral as of then.
  const time = eventTime(
    meta.occurredAt,
    deps.clock(),
    deps.backfillEnabled,
    null,
    meta.backfilled,
  );
  const type = nameOf<InstitutionType>('institutionType', failed.referralInstitutionType);
  if (!type) throw new InvalidInputError('referral_institution_type', 'unknown institution type');
  const caseId = failed.context?.caseId || meta.caseId;
  const mediationId = failed.context?.mediationId || caseId;
  const facts = await deps.caseFacts.get(caseId);
  // The committee's own words, when it wrote some, from the mediation (events carry none); a
  // mediation service that cannot answer fails this handling, which is retried.
  const written = failed.referralHandoverWritten
    ? await deps.mediationFailures.failureHandover(mediationId, {
        correlationId: meta.correlationId,
      })
    : null;
  const orgUnitCode = facts?.orgUnitCode ?? failed.context?.committee?.orgUnitCode ?? '';
  const transition = outbound(
    deps,
    {
      referralId: derivedId('after-failed-mediation', caseId, type, failed.referralDeskCode),
      kind: 'AFTER_FAILED_MEDIATION',
      caseId,
      mediationId,
      institutionType: type,
      deskCode: failed.referralDeskCode,
      remedy: failed.referralRemedy,
      handover: handoverFrom(facts, failed, written),
    },
    facts,
    orgUnitCode,
    failed.context?.actor?.subject ? failed.context.actor : null,
    time.at,
  );
  try {
    return await deps.referrals.create(transition, time.at, {
      causationId: meta.causationId,
      correlationId: meta.correlationId,
      ...(time.backfilled ? { backfillWrittenAt: deps.clock() } : {}),
    });
  } catch (error) {
    if (error instanceof AggregateExistsError) return null; // redelivered: created before
    throw error;
  }
}

function outbound(
  deps: Pick<ReferralDeps, 'directory' | 'policy'>,
  input: Omit<NewOutboundReferral, 'desk' | 'committee' | 'orgUnitCode' | 'category'> & {
    institutionType: InstitutionType;
    deskCode: string;
  },
  facts: CaseFacts | null,
  orgUnitCode: string,
  actor: Actor | null,
  now: Date,
): Transition<ReferralState> {
  const desk = routeToDesk(deps.directory, input.institutionType, orgUnitCode, input.deskCode);
  return createOutboundReferral(
    {
      ...input,
      desk,
      committee: facts?.committee ?? null,
      orgUnitCode,
      category: facts?.category ?? 0,
      caseNumber: facts?.caseNumber,
    },
    { now, actor, policy: deps.policy },
  );
}

function response(
  deps: Pick<ReferralDeps, 'clock' | 'directory'>,
  loaded: LoadedReferral,
  replayed: boolean,
): referralV1.CreateReferralResponse {
  return { referral: toReferral(loaded, deps.clock(), deps.directory), replayed };
}

/**
 * A handover package from what the service learnt from the case's events, in Chinese and in
 * English, followed by the committee's own words (as written, in both) when it wrote some.
 */
export function handoverFrom(
  facts: CaseFacts | null,
  failed: mediationV1.MediationFailed | null,
  written: FailureHandover | null = null,
): HandoverPackage {
  const reason = failed ? phraseOf(mediationV1.FailureReason, failed.reason) : null;
  const remedies = (failed?.remediesTold ?? []).map((r) => phraseOf(commonV1.Remedy, r));
  const sessions = facts?.sessionsHeld ?? 0;
  const contacts = facts?.contactAttempts ?? 0;
  const lines = (parts: (string | false | undefined)[], separator: string) =>
    parts.filter(Boolean).join(separator);
  return {
    summary: lines(
      [
        !!facts?.caseNumber && `案号${facts.caseNumber}`,
        !!reason && `调解不成：${reason.zh}`,
        written?.summary,
      ],
      '；',
    ),
    summaryEn: lines(
      [
        !!facts?.caseNumber && `Case ${facts.caseNumber}`,
        !!reason && `mediation failed: ${reason.en}`,
        written?.summary,
      ],
      '; ',
    ),
    whatWasTried: lines(
      [
        `已开展调解${sessions}次`,
        `联系当事人${contacts}次`,
        remedies.length > 0 && `已告知当事人其他途径：${remedies.map((r) => r.zh).join('、')}`,
        written?.whatWasTried,
      ],
      '；',
    ),
    whatWasTriedEn: lines(
      [
        `${sessions} mediation session(s) held`,
        `${contacts} contact attempt(s)`,
        remedies.length > 0 && `parties told of: ${remedies.map((r) => r.en).join(', ')}`,
        written?.whatWasTried,
      ],
      '; ',
    ),
    documentIds: [...(facts?.documentIds ?? [])],
  };
}
