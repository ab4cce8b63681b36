import type { ServiceError } from '@grpc/grpc-js';
import {
  commonV1,
  derivedId,
  fromTimestamp,
  toTimestamp,
  type referralV1,
} from '@mediation/contracts';
import { InvalidInputError, NotPermittedError } from '@mediation/domain-kit';
import { OrgDirectoryError, type Committee, type OrgDirectory } from '@mediation/org-directory';
import { AggregateExistsError } from '@mediation/persistence';
import { grpcError, type CommandCall } from '@mediation/service-kit';
import { actorOf, isGlobal } from '../../access/referral-access';
import { receiveEntrustment, type NewEntrustment } from '../../domain/referral.factory';
import type { DeskRef, InstitutionType } from '../../domain/referral.types';
import type { LoadedReferral } from '../../persistence/referral.repository';
import { toReferral } from '../../queries/referral-view.mapper';
import { code, institutionTypeFromDirectory, nameOf } from '../../referral.codes';
import type { ReferralDeps } from '../../../referral.tokens';

const { CaseSource, Channel, Role } = commonV1;

/** Which institution may entrust which kind of matter, and the case source intake records. */
const INBOUND: Record<
  NewEntrustment['kind'],
  { institution: InstitutionType; source: commonV1.CaseSource }
> = {
  COURT_PRE_FILING: { institution: 'COURT', source: CaseSource.CASE_SOURCE_ENTRUSTED_BY_COURT },
  COURT_IN_LITIGATION: { institution: 'COURT', source: CaseSource.CASE_SOURCE_ENTRUSTED_BY_COURT },
  PETITION_HANDOVER: {
    institution: 'PETITION_OFFICE',
    source: CaseSource.CASE_SOURCE_ENTRUSTED_BY_PETITION_OFFICE,
  },
  POLICE_HANDOVER: {
    institution: 'PUBLIC_SECURITY',
    source: CaseSource.CASE_SOURCE_ENTRUSTED_BY_POLICE,
  },
  PROCURATORATE_HANDOVER: {
    institution: 'PROCURATORATE',
    source: CaseSource.CASE_SOURCE_ENTRUSTED_BY_PROCURATORATE,
  },
};

/**
 * An institution entrusts a matter to mediation (诉前委派调解, a petition office's or the
 * police's handover): intake opens the case at the committee for the parties' place first
 * (OpenCase, idempotent by a key derived from the referral), then the referral is recorded with
 * the case id and waits for the mediation's result under the entrusted term. A backfilled call
 * (x-recorded-at) dates both, and intake's case too.
 */
export async function entrustCase(
  deps: ReferralDeps,
  req: referralV1.EntrustCaseRequest,
  call: CommandCall,
): Promise<referralV1.EntrustCaseResponse> {
  const { principal } = call;
  if (!req.idempotencyKey || req.idempotencyKey.length > 128)
    throw new InvalidInputError('idempotency_key', 'required, at most 128 characters');
  const kind = nameOf<NewEntrustment['kind']>('kind', req.kind);
  const rule = kind ? INBOUND[kind] : undefined;
  if (!kind || !rule) throw new InvalidInputError('kind', 'an inbound referral kind is required');
  const desk = sendingDesk(deps.directory, req.institutionCode, req.deskCode, rule.institution);
  // The institution's own stationed lawyers (or services / administrators) entrust its matters.
  const mayEntrust =
    isGlobal(principal) ||
    (principal.roles.includes(Role.ROLE_STATIONED_LAWYER) &&
      principal.institutionCode === desk.institutionCode);
  if (!mayEntrust) throw new NotPermittedError('not permitted to entrust for this institution');
  const unit = deps.directory.lookup(req.orgUnitCode);
  if (!unit || !unit.active)
    throw new InvalidInputError('org_unit_code', 'an active org unit is required');
  if (!req.category) throw new InvalidInputError('category', 'required');

  const referralId = derivedId('entrust-case', desk.institutionCode, req.idempotencyKey);
  const existing = await deps.referrals.load(referralId);
  if (existing) return response(deps, existing, true);

  const now = call.at;
  const entrustedAt = req.entrustedAt ? fromTimestamp(req.entrustedAt) : now;
  const termDays = req.termDays || deps.policy.entrustedTermDays;
  const termDueAt = deps.policy.calendar.addCalendarDays(entrustedAt, termDays);
  const opened = await openCase(deps, req, referralId, desk, rule.source, termDueAt, call);
  const caseRecord = opened.case;
  if (!caseRecord?.caseId) throw new Error('intake answered OpenCase without a case');
  // The case's entrustment, found by the case's id when its mediation ends (before the
  // referral exists: a retry after a crash here writes the same and goes on).
  await deps.caseFacts.set(caseRecord.caseId, { referralId });
  const committee = caseRecord.committee ?? committeeFor(deps.directory, req.orgUnitCode);
  const transition = receiveEntrustment(
    {
      referralId,
      kind,
      caseId: caseRecord.caseId,
      caseNumber: caseRecord.caseNumber,
      mediationId: caseRecord.caseId,
      committee,
      desk,
      orgUnitCode: req.orgUnitCode,
      category: req.category,
      handover: req.handover
        ? {
            summary: req.handover.summary,
            whatWasTried: req.handover.whatWasTried,
            documentIds: [...req.handover.documentIds],
          }
        : undefined,
      externalReference: req.externalReference,
      riskLevel: req.risk?.level ?? 0,
      riskFactors: [...(req.risk?.factors ?? [])],
      peopleInvolved: req.peopleInvolved,
      entrustedAt,
      termDays,
    },
    { now, actor: actorOf(principal), policy: deps.policy },
  );
  try {
    return response(
      deps,
      await deps.referrals.create(transition, now, {
        correlationId: call.correlationId,
        backfillWrittenAt: call.backfilled ? call.writtenAt : null,
      }),
      false,
    );
  } catch (error) {
    if (!(error instanceof AggregateExistsError)) throw error;
    return response(deps, (await deps.referrals.load(referralId))!, true);
  }
}

function sendingDesk(
  directory: OrgDirectory,
  institutionCode: string,
  deskCode: string,
  type: InstitutionType,
): DeskRef {
  const institution = directory.findInstitution(institutionCode);
  if (!institution)
    throw new InvalidInputError('institution_code', `unknown institution ${institutionCode}`);
  if (institutionTypeFromDirectory(institution.type) !== type)
    throw new InvalidInputError(
      'institution_code',
      `${institutionCode} is not a ${type} institution`,
    );
  const desk = deskCode ? institution.desks.find((d) => d.id === deskCode) : institution.desks[0];
  if (!desk) throw new InvalidInputError('desk_code', `no desk ${deskCode} at ${institutionCode}`);
  return { code: desk.id, institutionCode: institution.id, institutionType: type };
}

const COMMITTEE_LEVELS: Record<string, number> = {
  CITY: 1,
  DISTRICT: 2,
  STREET: 3,
  COMMUNITY: 4,
  INDUSTRY: 6,
};

/** The committee for the parties' place, when intake's case does not name one. */
function committeeFor(directory: OrgDirectory, orgUnitCode: string) {
  let committee: Committee;
  try {
    committee = directory.committeeFor(orgUnitCode);
  } catch (error) {
    // The directory refuses a place it does not know: the request named it.
    if (error instanceof OrgDirectoryError)
      throw new InvalidInputError('org_unit_code', error.message);
    throw error;
  }
  return {
    code: committee.id,
    orgUnitCode: committee.orgUnitCode,
    level: COMMITTEE_LEVELS[committee.level] ?? 0,
  };
}

/** Intake opens the entrusted matter as a case; a backfilled entrustment relays its time. */
async function openCase(
  deps: Pick<ReferralDeps, 'intake'>,
  req: referralV1.EntrustCaseRequest,
  referralId: string,
  desk: DeskRef,
  source: commonV1.CaseSource,
  termDueAt: Date,
  call: CommandCall,
) {
  try {
    return await deps.intake.openCase(
      {
        idempotencyKey: `referral:${referralId}`,
        source,
        channel: Channel.CHANNEL_REFERRAL,
        platformLevel: 0,
        referringInstitution: {
          code: desk.institutionCode,
          type: code('institutionType', desk.institutionType),
        },
        externalReference: req.externalReference,
        referralId,
        orgUnitCode: req.orgUnitCode,
        category: req.category,
        parties: req.parties,
        peopleInvolved: req.peopleInvolved,
        amountInvolved: req.amountInvolved,
        description: req.description,
        risk: req.risk,
        disputeStartedAt: null,
        entrustedTermDueAt: toTimestamp(termDueAt),
      },
      { correlationId: call.correlationId, recordedAt: call.backfilled ? call.at : undefined },
    );
  } catch (error) {
    const e = error as Partial<ServiceError>;
    // Intake's own verdict (INVALID_ARGUMENT on a party, UNAVAILABLE, ...) goes back as is.
    if (typeof e.code === 'number') throw grpcError(e.code, `intake: ${e.details ?? e.message}`);
    throw error;
  }
}

function response(
  deps: Pick<ReferralDeps, 'clock' | 'directory'>,
  loaded: LoadedReferral,
  replayed: boolean,
): referralV1.EntrustCaseResponse {
  return {
    referral: toReferral(loaded, deps.clock(), deps.directory),
    caseId: loaded.state.caseId,
    caseNumber: loaded.state.caseNumber,
    replayed,
  };
}
