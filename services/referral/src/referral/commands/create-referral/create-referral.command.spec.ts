import { Metadata, status } from '@grpc/grpc-js';
import { commonV1, intakeV1, mediationV1, referralV1, setPrincipal } from '@mediation/contracts';
import { orgDirectory } from '@mediation/org-directory';
import { CommandPipeline } from '@mediation/service-kit';
import type { Transition } from '../../domain/referral.events';
import type { ReferralState } from '../../domain/referral.types';
import { testSlaPolicy } from '../../domain/sla-policy.fixtures';
import type { CaseFacts, CaseFactsStore } from '../../persistence/case-facts.store';
import type { ReferralRepository } from '../../persistence/referral.repository';
import type { IntakeCasesPort } from '../../ports/intake-cases.port';
import type { ReferralDeps } from '../../../referral.tokens';
import type { MediationFailuresPort } from '../../ports/mediation-failures.port';
import { createReferral, openAfterFailedMediation } from './create-referral.command';

const directory = orgDirectory();
const communityOf = (district: string) =>
  directory
    .units('COMMUNITY')
    .find((u) => u.active && directory.districtOf(u.code)?.code === district)!.code;
const HERE = communityOf('210202');
const ELSEWHERE = communityOf('210211');
const CASE_ID = '6f1d2c3b-4a59-4e7f-8a1b-2c3d4e5f6a7b';

const policy = testSlaPolicy();
const now = new Date('2026-11-25T02:00:00Z');

const mediator = commonV1.Principal.fromPartial({
  subject: 'mediator-1',
  roles: [commonV1.Role.ROLE_MEDIATOR],
  orgUnitCode: '210202',
});
const md = (principal: commonV1.Principal) => {
  const metadata = new Metadata();
  setPrincipal(metadata, principal);
  return metadata;
};

/** Intake as the command sees it: a case at `unit`, no such case, or not answering. */
function intakeSaying(answer: string | { code: number }): IntakeCasesPort & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    openCase: () => Promise.reject(new Error('not used')),
    getCase: async (caseId) => {
      asked.push(caseId);
      if (typeof answer !== 'string') throw Object.assign(new Error('intake'), answer);
      return {
        case: intakeV1.Case.fromPartial({
          caseId,
          caseNumber: '（2026）调字第00001号',
          orgUnit: { code: answer },
          category: 2,
        }),
      };
    },
  };
}

function handler(intake: IntakeCasesPort, facts: CaseFacts | null = null) {
  const created: Transition<ReferralState>[] = [];
  const referrals = {
    load: async () => null,
    create: async (transition: Transition<ReferralState>) => {
      created.push(transition);
      return { id: transition.state.referralId, version: 1, lastSequence: 1, ...transition };
    },
  } as unknown as ReferralRepository;
  const caseFacts = { get: async () => facts } as unknown as CaseFactsStore;
  const deps = { referrals, caseFacts, clock: () => now, policy, directory, intake };
  const pipeline = new CommandPipeline({ backfillEnabled: false, clock: () => now });
  // CreateReferral as the controller runs it.
  const h = {
    handle: (req: referralV1.CreateReferralRequest, metadata: Metadata) =>
      pipeline.command(metadata, (call) =>
        createReferral(deps as unknown as ReferralDeps, req, call),
      ),
  };
  return { h, created };
}

const request = referralV1.CreateReferralRequest.fromPartial({
  idempotencyKey: 'k-1',
  caseId: CASE_ID,
  kind: referralV1.ReferralKind.REFERRAL_KIND_OUT_OF_SCOPE,
  institutionType: commonV1.InstitutionType.INSTITUTION_TYPE_COURT,
});

async function codeOf(p: Promise<unknown>): Promise<{ code: number; message: string }> {
  try {
    await p;
  } catch (error) {
    const e = (error as { error?: { code: number; message: string } }).error ?? error;
    return {
      code: (e as { code: number }).code,
      message: String((e as { message: string }).message),
    };
  }
  throw new Error('expected an error');
}

describe('CreateReferral accepts only a case it knows to exist and to be in scope', () => {
  it('asks intake about a case whose events have not arrived, and refers it in scope', async () => {
    const intake = intakeSaying(HERE);
    const { h, created } = handler(intake);
    const res = await h.handle(request, md(mediator));
    expect(intake.asked).toEqual([CASE_ID]);
    expect(created).toHaveLength(1);
    expect(created[0].state).toMatchObject({ caseId: CASE_ID, orgUnitCode: HERE });
    expect(res.replayed).toBe(false);
  });

  it('refuses a case of another district that intake knows, and writes nothing', async () => {
    const { h, created } = handler(intakeSaying(ELSEWHERE));
    expect(await codeOf(h.handle(request, md(mediator)))).toMatchObject({
      code: status.PERMISSION_DENIED,
    });
    expect(created).toEqual([]);
  });

  it('refuses a case of another district from its facts without asking intake', async () => {
    const intake = intakeSaying(HERE);
    const { h, created } = handler(intake, { _id: CASE_ID, orgUnitCode: ELSEWHERE });
    expect(await codeOf(h.handle(request, md(mediator)))).toMatchObject({
      code: status.PERMISSION_DENIED,
    });
    expect(intake.asked).toEqual([]);
    expect(created).toEqual([]);
  });

  it('answers NOT_FOUND for a case intake does not know, also to services', async () => {
    for (const principal of [
      mediator,
      commonV1.Principal.fromPartial({ subject: 's', roles: [commonV1.Role.ROLE_SERVICE] }),
    ]) {
      const { h, created } = handler(intakeSaying({ code: status.NOT_FOUND }));
      expect(await codeOf(h.handle(request, md(principal)))).toEqual({
        code: status.NOT_FOUND,
        message: `case ${CASE_ID} does not exist`,
      });
      expect(created).toEqual([]);
    }
  });

  it('answers UNAVAILABLE while intake cannot confirm the case, and writes nothing', async () => {
    const { h, created } = handler(intakeSaying({ code: status.UNAVAILABLE }));
    const refused = await codeOf(h.handle(request, md(mediator)));
    expect(refused.code).toBe(status.UNAVAILABLE);
    expect(refused.message).toContain('retry');
    expect(created).toEqual([]);
  });

  it('facts learnt only from mediation events (no place yet) do not decide the scope', async () => {
    const intake = intakeSaying(ELSEWHERE);
    const { h, created } = handler(intake, { _id: CASE_ID, sessionsHeld: 1 });
    expect((await codeOf(h.handle(request, md(mediator)))).code).toBe(status.PERMISSION_DENIED);
    expect(intake.asked).toEqual([CASE_ID]);
    expect(created).toEqual([]);
  });
});

describe('a failed mediation’s referral carries the committee’s own words', () => {
  const FACTS: CaseFacts = {
    _id: CASE_ID,
    orgUnitCode: HERE,
    caseNumber: '（2026）中山调字第00009号',
    sessionsHeld: 2,
  };
  const failed = (written: boolean) =>
    mediationV1.MediationFailed.fromPartial({
      context: { caseId: CASE_ID, mediationId: CASE_ID },
      reason: mediationV1.FailureReason.FAILURE_REASON_NO_CONSENSUS,
      remediesTold: [commonV1.Remedy.REMEDY_LITIGATION],
      referralRequested: true,
      referralInstitutionType: commonV1.InstitutionType.INSTITUTION_TYPE_COURT,
      referralRemedy: commonV1.Remedy.REMEDY_LITIGATION,
      referralHandoverWritten: written,
    });
  function open(event: mediationV1.MediationFailed, mediation: MediationFailuresPort) {
    const created: Transition<ReferralState>[] = [];
    const deps = {
      referrals: {
        create: async (transition: Transition<ReferralState>) => {
          created.push(transition);
          return { id: transition.state.referralId, version: 1, ...transition };
        },
      },
      caseFacts: { get: async () => FACTS },
      mediationFailures: mediation,
      clock: () => now,
      policy,
      directory,
      backfillEnabled: false,
    } as unknown as ReferralDeps;
    const meta = { caseId: CASE_ID, causationId: 'e-1', correlationId: 'c-1' };
    return { created, run: () => openAfterFailedMediation(deps, event, meta) };
  }
  const mediationSaying = (answer: () => Promise<{ summary: string; whatWasTried: string }>) => {
    const asked: string[] = [];
    const port: MediationFailuresPort = {
      failureHandover: async (mediationId) => {
        asked.push(mediationId);
        return answer();
      },
    };
    return { asked, port };
  };

  it('reads them from the mediation and puts them after what the events told', async () => {
    const mediation = mediationSaying(async () => ({
      summary: '施工方拒绝赔偿，申请人拟起诉',
      whatWasTried: '两次组织双方协商',
    }));
    const { created, run } = open(failed(true), mediation.port);
    await run();
    expect(mediation.asked).toEqual([CASE_ID]);
    expect(created[0].state.handover).toEqual({
      summary:
        '案号（2026）中山调字第00009号；调解不成：双方未能达成一致；施工方拒绝赔偿，申请人拟起诉',
      summaryEn:
        'Case （2026）中山调字第00009号; mediation failed: the parties could not agree; 施工方拒绝赔偿，申请人拟起诉',
      whatWasTried: '已开展调解2次；联系当事人0次；已告知当事人其他途径：诉讼；两次组织双方协商',
      whatWasTriedEn:
        '2 mediation session(s) held; 0 contact attempt(s); parties told of: litigation; 两次组织双方协商',
      documentIds: [],
    });
  });

  it('does not ask the mediation when the committee wrote nothing', async () => {
    const mediation = mediationSaying(() => Promise.reject(new Error('not to be asked')));
    const { created, run } = open(failed(false), mediation.port);
    await run();
    expect(mediation.asked).toEqual([]);
    expect(created[0].state.handover.summary).toBe(
      '案号（2026）中山调字第00009号；调解不成：双方未能达成一致',
    );
  });

  it('creates nothing while the mediation cannot answer (the event is handled again)', async () => {
    const mediation = mediationSaying(() =>
      Promise.reject(Object.assign(new Error('unavailable'), { code: status.UNAVAILABLE })),
    );
    const { created, run } = open(failed(true), mediation.port);
    await expect(run()).rejects.toThrow('unavailable');
    expect(created).toEqual([]);
  });
});
