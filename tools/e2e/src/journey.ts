import { randomUUID } from 'node:crypto';
import { status, type ServiceError } from '@grpc/grpc-js';
import {
  commonV1,
  intakeV1,
  mediationV1,
  toTimestamp,
  type UnaryMethodAnswering,
  withResidentIdCheckChar,
} from '@mediation/contracts';
import { eventually } from '@mediation/testing';
import { principals, type Principal } from './actors';
import type { Platform } from '@mediation/test-platform';

const M = mediationV1;
export type Mediation = mediationV1.Mediation;

/** Patience for anything that crosses Kafka (an event consumed by another service). */
export const CROSSING_MS = 30_000;

/** The gRPC status code a call ended with ('OK' when it succeeded). */
export function grpcCode(call: Promise<unknown>): Promise<number | 'OK'> {
  return call.then(
    () => 'OK' as const,
    (e: ServiceError) => e.code,
  );
}

/** An 18-digit resident ID number with a valid GB 11643 check character. */
export function residentId(districtCode: string, serial: number, birth = '19800101'): string {
  return withResidentIdCheckChar(
    `${districtCode.slice(0, 6)}${birth}${String(serial % 1000).padStart(3, '0')}`,
  );
}

let serial = Math.floor(Math.random() * 400) * 2;

/** An applicant and a respondent living in `orgUnitCode`'s district, with valid IDs and phones. */
export function twoParties(orgUnitCode: string): commonV1.Party[] {
  serial += 2;
  const person = (role: commonV1.PartyRole, name: string, n: number, phone: string) =>
    commonV1.Party.fromPartial({
      kind: commonV1.PartyKind.PARTY_KIND_PERSON,
      role,
      name,
      idType: commonV1.IdType.ID_TYPE_RESIDENT_ID_CARD,
      idNumber: residentId(orgUnitCode, n),
      phone,
      address: '大连市某社区12号楼3单元',
      consent: commonV1.ConsentState.CONSENT_STATE_GIVEN,
    });
  return [
    person(commonV1.PartyRole.PARTY_ROLE_APPLICANT, '王秀英', serial, '13812345678'),
    person(commonV1.PartyRole.PARTY_ROLE_RESPONDENT, '李建国', serial + 1, '0411-82345678'),
  ];
}

/** A walk-in party application registered at a reasoning point. */
export function walkInAtPoint(point: string): intakeV1.OpenCaseRequest {
  return intakeV1.OpenCaseRequest.fromPartial({
    idempotencyKey: `e2e-${randomUUID()}`,
    source: commonV1.CaseSource.CASE_SOURCE_PARTY_APPLICATION,
    channel: commonV1.Channel.CHANNEL_WALK_IN,
    platformLevel: commonV1.PlatformLevel.PLATFORM_LEVEL_COMMUNITY,
    orgUnitCode: point,
    category: commonV1.DisputeCategory.DISPUTE_CATEGORY_NEIGHBOUR,
    parties: twoParties(point),
    peopleInvolved: 2,
    amountInvolved: { currencyCode: 'CNY', amountFen: '150000' },
    description: '楼上漏水，协商未果',
    risk: { level: commonV1.RiskLevel.RISK_LEVEL_LOW, factors: [], note: '' },
  });
}

/** MediationService as the people of a journey use it. */
export class Mediations {
  private readonly admin = principals.administrator();

  constructor(private readonly platform: Platform) {}

  private get client() {
    return this.platform.client('mediation');
  }

  async get(caseId: string, as: Principal = this.admin): Promise<Mediation> {
    const res = await this.client.call('getMediation', { mediationId: caseId }, { principal: as });
    return res.mediation!;
  }

  /** Polls GetMediation until the mediation service has created it from intake's CaseOpened. */
  created(caseId: string): Promise<Mediation> {
    return eventually(
      () =>
        this.get(caseId).catch((e: ServiceError) => {
          if (e.code === status.NOT_FOUND) return undefined;
          throw e;
        }),
      { timeoutMs: CROSSING_MS, what: `mediation ${caseId} created from CaseOpened` },
    );
  }

  /** Polls GetMediation until `until` holds. */
  until(caseId: string, what: string, until: (m: Mediation) => boolean): Promise<Mediation> {
    return eventually(async () => ((m) => (until(m) ? m : undefined))(await this.get(caseId)), {
      timeoutMs: CROSSING_MS,
      what,
    });
  }

  /**
   * A command at the current version. A deadline firing is a write too, so one ABORTED is
   * retried with a fresh read (docs/mediation.md); any other error is the test's to see.
   */
  async act(
    method: UnaryMethodAnswering<'mediation', 'mediation'>,
    as: Principal,
    caseId: string,
    request: object = {},
  ): Promise<Mediation> {
    for (let attempt = 0; ; attempt++) {
      const { version } = await this.get(caseId);
      try {
        const res = await this.client.call(
          method,
          { mediationId: caseId, expectedVersion: version, ...request },
          { principal: as },
        );
        return res.mediation!;
      } catch (e) {
        if ((e as ServiceError).code !== status.ABORTED || attempt >= 2) throw e;
      }
    }
  }

  /** Puts `as` on the committee's roster (as its administrator would), if not there yet. */
  private async onRoster(committeeCode: string, as: Principal): Promise<void> {
    const { roster } = await this.client.call(
      'getCommitteeRoster',
      { committeeCode },
      { principal: this.admin },
    );
    if (roster?.members.some((x) => x.memberId === as.subject && x.active)) return;
    await this.client.call(
      'setRosterMember',
      {
        committeeCode,
        expectedVersion: roster?.version ?? '0',
        memberId: as.subject,
        name: as.displayName || as.subject,
        gender: M.Gender.GENDER_FEMALE,
        role: M.CommitteeMemberRole.COMMITTEE_MEMBER_ROLE_MEMBER,
      },
      { principal: this.admin },
    );
  }

  /**
   * Every party consents to mediation, the committee appoints `as` its lead mediator (on its
   * roster), then a written agreement signed by all of them and the mediator (art. 29).
   */
  async agree(caseId: string, as: Principal): Promise<Mediation> {
    const { parties, committee } = await this.get(caseId);
    for (const p of parties)
      await this.act('recordConsent', as, caseId, {
        partyId: p.partyId,
        subject: M.ConsentSubject.CONSENT_SUBJECT_MEDIATION,
        method: M.ConsentMethod.CONSENT_METHOD_WRITTEN,
      });
    await this.onRoster(committee!.code, as);
    await this.act('assignMediators', as, caseId, {
      mediators: [{ mediatorId: as.subject, role: M.MediatorRole.MEDIATOR_ROLE_LEAD }],
    });
    const now = toTimestamp(new Date());
    const [obligor, obligee] = [
      parties.find((p) => p.role === commonV1.PartyRole.PARTY_ROLE_RESPONDENT)!,
      parties.find((p) => p.role === commonV1.PartyRole.PARTY_ROLE_APPLICANT)!,
    ];
    return this.act('reachAgreement', as, caseId, {
      form: M.AgreementForm.AGREEMENT_FORM_WRITTEN,
      facts: '被申请人家中水管渗漏，损坏申请人家中墙面。',
      issues: '赔偿金额。',
      responsibilities: '被申请人承担全部责任。',
      signedPartyIds: parties.map((p) => p.partyId),
      effectiveAt: now,
      terms: {
        obligations: [
          {
            obligorPartyId: obligor.partyId,
            obligeePartyId: obligee.partyId,
            kind: M.ObligationKind.OBLIGATION_KIND_PAYMENT,
            description: '赔偿墙面修复费用',
            amount: { currencyCode: 'CNY', amountFen: '120000' },
            manner: M.PerformanceManner.PERFORMANCE_MANNER_IMMEDIATE,
          },
        ],
      },
    });
  }
}

/** "MediationEscalated" from "mediation.mediation.v1.MediationEscalated". */
export const shortType = (eventType: string) => eventType.split('.').pop() ?? eventType;

/**
 * Polls intake's ListCases (the cases under `orgUnitCode`, as `principal` sees them) until the
 * case's summary satisfies `holds`: the case view follows the events, so a step shows a moment
 * after it was taken.
 */
export function listedWhen(
  platform: Platform,
  list: { orgUnitCode: string; principal: Principal },
  caseId: string,
  what: string,
  holds: (c: intakeV1.CaseSummary) => boolean,
): Promise<intakeV1.CaseSummary> {
  return eventually(
    async () => {
      const { cases } = await platform
        .client('intake')
        .call(
          'listCases',
          { orgUnitCode: list.orgUnitCode, page: { pageSize: 50, pageToken: '' } },
          { principal: list.principal },
        );
      const found = cases.find((c) => c.caseId === caseId);
      return found && holds(found) ? found : undefined;
    },
    { timeoutMs: CROSSING_MS, what: `case ${caseId} listed ${what}` },
  );
}
