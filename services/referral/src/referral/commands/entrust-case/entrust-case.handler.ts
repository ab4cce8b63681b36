import { Inject, Injectable, Optional } from '@nestjs/common';
import type { Metadata, ServiceError } from '@grpc/grpc-js';
import {
  commonV1,
  derivedId,
  fromTimestamp,
  toTimestamp,
  type referralV1,
} from '@mediation/contracts';
import type { OrgDirectory } from '@mediation/org-directory';
import { AggregateExistsError } from '@mediation/persistence';
import {
  commandTime,
  grpcError,
  invalidArgument,
  permissionDenied,
  requirePrincipal,
} from '@mediation/service-kit';
import { BACKFILL_ENABLED } from '../../backfill';
import { actorOf, isGlobal } from '../../access/referral-access';
import { invalid } from '../../domain/referral.errors';
import { receiveEntrustment, type NewEntrustment } from '../../domain/referral.factory';
import type { DeskRef, InstitutionType } from '../../domain/referral.types';
import type { SlaPolicy } from '../../domain/sla-policy';
import { CaseFactsStore } from '../../persistence/case-facts.store';
import { ReferralRepository, type LoadedReferral } from '../../persistence/referral.repository';
import type { IntakeCasesPort } from '../../ports/intake-cases.port';
import { toReferral } from '../../queries/referral-view.mapper';
import { code, institutionTypeFromDirectory, nameOf } from '../../referral.codes';
import { toGrpcError } from '../../referral.errors';
import { CLOCK, INTAKE_CASES, ORG_DIRECTORY, SLA_POLICY, type Clock } from '../../referral.tokens';
import { correlationId } from '../referral-command.pipeline';

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
 * the case id and waits for the mediation's result under the entrusted term.
 */
@Injectable()
export class EntrustCaseHandler {
  constructor(
    private readonly referrals: ReferralRepository,
    private readonly caseFacts: CaseFactsStore,
    @Inject(INTAKE_CASES) private readonly intake: IntakeCasesPort,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SLA_POLICY) private readonly policy: SlaPolicy,
    @Inject(ORG_DIRECTORY) private readonly directory: OrgDirectory,
    @Optional() @Inject(BACKFILL_ENABLED) private readonly backfillEnabled = false,
  ) {}

  async handle(
    req: referralV1.EntrustCaseRequest,
    md: Metadata,
  ): Promise<referralV1.EntrustCaseResponse> {
    const principal = requirePrincipal(md);
    const time = commandTime(md, principal, {
      backfillEnabled: this.backfillEnabled,
      clock: this.clock,
    });
    if (!req.idempotencyKey || req.idempotencyKey.length > 128)
      throw invalidArgument([
        { field: 'idempotency_key', description: 'required, at most 128 characters' },
      ]);
    try {
      const kind = nameOf<NewEntrustment['kind']>('kind', req.kind);
      const rule = kind ? INBOUND[kind] : undefined;
      if (!kind || !rule) throw invalid('kind', 'an inbound referral kind is required');
      const desk = this.sendingDesk(req.institutionCode, req.deskCode, rule.institution);
      // The institution's own stationed lawyers (or services / administrators) entrust its matters.
      const mayEntrust =
        isGlobal(principal) ||
        (principal.roles.includes(Role.ROLE_STATIONED_LAWYER) &&
          principal.institutionCode === desk.institutionCode);
      if (!mayEntrust) throw permissionDenied('not permitted to entrust for this institution');
      const unit = this.directory.lookup(req.orgUnitCode);
      if (!unit || !unit.active) throw invalid('org_unit_code', 'an active org unit is required');
      if (!req.category) throw invalid('category', 'required');

      const referralId = derivedId('entrust-case', desk.institutionCode, req.idempotencyKey);
      const existing = await this.referrals.load(referralId);
      if (existing) return this.response(existing, true);

      const now = time.at;
      const entrustedAt = req.entrustedAt ? fromTimestamp(req.entrustedAt) : now;
      const termDays = req.termDays || this.policy.entrustedTermDays;
      const termDueAt = this.policy.calendar.addCalendarDays(entrustedAt, termDays);
      const opened = await this.openCase(req, referralId, desk, rule.source, termDueAt, md, {
        recordedAt: time.backfilled ? now : undefined,
      });
      const caseRecord = opened.case;
      if (!caseRecord?.caseId) throw new Error('intake answered OpenCase without a case');
      // The case's entrustment, found by the case's id when its mediation ends (before the
      // referral exists: a retry after a crash here writes the same and goes on).
      await this.caseFacts.set(caseRecord.caseId, { referralId });
      const committee = caseRecord.committee ?? this.committeeFor(req.orgUnitCode);
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
        { now, actor: actorOf(principal), policy: this.policy },
      );
      try {
        return this.response(
          await this.referrals.create(transition, now, {
            correlationId: correlationId(md),
            backfillWrittenAt: time.backfilled ? this.clock() : null,
          }),
          false,
        );
      } catch (error) {
        if (!(error instanceof AggregateExistsError)) throw error;
        return this.response((await this.referrals.load(referralId))!, true);
      }
    } catch (error) {
      throw toGrpcError(error);
    }
  }

  private sendingDesk(institutionCode: string, deskCode: string, type: InstitutionType): DeskRef {
    const institution = this.directory.findInstitution(institutionCode);
    if (!institution) throw invalid('institution_code', `unknown institution ${institutionCode}`);
    if (institutionTypeFromDirectory(institution.type) !== type)
      throw invalid('institution_code', `${institutionCode} is not a ${type} institution`);
    const desk = deskCode ? institution.desks.find((d) => d.id === deskCode) : institution.desks[0];
    if (!desk) throw invalid('desk_code', `no desk ${deskCode} at ${institutionCode}`);
    return { code: desk.id, institutionCode: institution.id, institutionType: type };
  }

  private committeeFor(orgUnitCode: string) {
    const committee = this.directory.committeeFor(orgUnitCode);
    const levels: Record<string, number> = {
      CITY: 1,
      DISTRICT: 2,
      STREET: 3,
      COMMUNITY: 4,
      INDUSTRY: 6,
    };
    return {
      code: committee.id,
      orgUnitCode: committee.orgUnitCode,
      level: levels[committee.level] ?? 0,
    };
  }

  private async openCase(
    req: referralV1.EntrustCaseRequest,
    referralId: string,
    desk: DeskRef,
    source: commonV1.CaseSource,
    termDueAt: Date,
    md: Metadata,
    backfill: { recordedAt?: Date } = {},
  ) {
    try {
      return await this.intake.openCase(
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
        { correlationId: correlationId(md), recordedAt: backfill.recordedAt },
      );
    } catch (error) {
      const e = error as Partial<ServiceError>;
      // Intake's own verdict (INVALID_ARGUMENT on a party, UNAVAILABLE, ...) goes back as is.
      if (typeof e.code === 'number') throw grpcError(e.code, `intake: ${e.details ?? e.message}`);
      throw error;
    }
  }

  private response(loaded: LoadedReferral, replayed: boolean): referralV1.EntrustCaseResponse {
    return {
      referral: toReferral(loaded, this.clock(), this.directory),
      caseId: loaded.state.caseId,
      caseNumber: loaded.state.caseNumber,
      replayed,
    };
  }
}
