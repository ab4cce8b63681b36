import { Metadata, status } from '@grpc/grpc-js';
import { commonV1, setPrincipal } from '@mediation/contracts';
import { orgDirectory } from '@mediation/org-directory';
import { ConcurrencyError, type AggregateRepository } from '@mediation/persistence';
import { CommandPipeline } from '@mediation/service-kit';
import { createOutboundReferral } from '../../domain/referral.factory';
import { claim } from '../../domain/referral.state-machine';
import type { ReferralState } from '../../domain/referral.types';
import { testSlaPolicy } from '../../domain/sla-policy.fixtures';
import { ReferralRepository, type LoadedReferral } from '../../persistence/referral.repository';
import type { ReferralDeps } from '../../../referral.tokens';
import { claimReferral } from './claim-referral.command';

const policy = testSlaPolicy();
const directory = orgDirectory();
const now = new Date('2026-11-25T02:00:00Z');
const desk = {
  code: 'CRT-210202-D01',
  institutionCode: 'CRT-210202',
  institutionType: 'COURT' as const,
};

function loadedReferral(): LoadedReferral {
  const { state } = createOutboundReferral(
    {
      referralId: 'r1',
      kind: 'AFTER_FAILED_MEDIATION',
      caseId: 'c1',
      mediationId: 'c1',
      committee: null,
      desk,
      orgUnitCode: '210202001001',
      category: 2,
      remedy: 3,
    },
    { now, actor: null, policy },
  );
  return { id: 'r1', version: 3, lastSequence: 1, state };
}

/** The real referral repository over a store double: what it loads and the writes it was asked for. */
function fakeRepository(loaded: LoadedReferral | null, saveError?: Error) {
  const saved: unknown[] = [];
  const aggregates = {
    load: async () => loaded,
    save: async (l: LoadedReferral, update: unknown) => {
      if (saveError) throw saveError;
      saved.push(update);
      return { version: l.version + 1, lastSequence: l.lastSequence + 1 };
    },
  } as unknown as AggregateRepository<ReferralState>;
  const repo = new ReferralRepository(aggregates, {} as never, directory, 'referral-events');
  return { repo, saved };
}

const md = (principal?: commonV1.Principal) => {
  const metadata = new Metadata();
  if (principal) setPrincipal(metadata, principal);
  return metadata;
};
const lawyer = (deskCode: string) =>
  commonV1.Principal.fromPartial({
    subject: 'lawyer-1',
    roles: [commonV1.Role.ROLE_STATIONED_LAWYER],
    deskCode,
  });

async function codeOf(p: Promise<unknown>): Promise<number> {
  try {
    await p;
  } catch (error) {
    return (error as { error: { code: number } }).error?.code ?? (error as { code: number }).code;
  }
  throw new Error('expected an error');
}

/** Claim as the controller runs it: the shared pipeline, the referral repository as its target. */
const claimVia =
  (repo: ReferralRepository, backfillEnabled = false) =>
  (request: { referralId: string; expectedVersion: string }, metadata: Metadata) => {
    const pipeline = new CommandPipeline({ backfillEnabled, clock: () => now });
    const deps = {
      referrals: repo,
      clock: () => now,
      policy,
      directory,
    } as unknown as ReferralDeps;
    return pipeline.commandOn(repo, claimReferral(deps), request.referralId, request, metadata);
  };

describe('Claim through the command pipeline', () => {
  it('loads, authorizes, transitions and saves in one write', async () => {
    const { repo, saved } = fakeRepository(loadedReferral());
    const { referral } = await claimVia(repo)(
      { referralId: 'r1', expectedVersion: '3' },
      md(lawyer(desk.code)),
    );
    expect(saved).toHaveLength(1);
    expect(referral).toMatchObject({ version: '4', claimedBy: 'lawyer-1', status: 2 });
  });

  it('answers UNAUTHENTICATED, INVALID_ARGUMENT and NOT_FOUND', async () => {
    const { repo } = fakeRepository(null);
    const run = claimVia(repo);
    expect(await codeOf(run({ referralId: 'r1', expectedVersion: '3' }, md()))).toBe(
      status.UNAUTHENTICATED,
    );
    expect(await codeOf(run({ referralId: '', expectedVersion: '3' }, md(lawyer(desk.code))))).toBe(
      status.INVALID_ARGUMENT,
    );
    expect(
      await codeOf(run({ referralId: 'r1', expectedVersion: '3' }, md(lawyer(desk.code)))),
    ).toBe(status.NOT_FOUND);
  });

  it('refuses another desk before looking at versions, and saves nothing', async () => {
    const { repo, saved } = fakeRepository(loadedReferral());
    expect(
      await codeOf(claimVia(repo)({ referralId: 'r1', expectedVersion: '99' }, md(lawyer('X')))),
    ).toBe(status.PERMISSION_DENIED);
    expect(saved).toHaveLength(0);
  });

  it('answers ABORTED for a stale version or a lost race, FAILED_PRECONDITION for a rule', async () => {
    const stale = fakeRepository(loadedReferral());
    expect(
      await codeOf(
        claimVia(stale.repo)({ referralId: 'r1', expectedVersion: '2' }, md(lawyer(desk.code))),
      ),
    ).toBe(status.ABORTED);
    const race = fakeRepository(loadedReferral(), new ConcurrencyError('r1', 3));
    expect(
      await codeOf(
        claimVia(race.repo)({ referralId: 'r1', expectedVersion: '3' }, md(lawyer(desk.code))),
      ),
    ).toBe(status.ABORTED);
    const taken = loadedReferral();
    taken.state = claim(taken.state, {
      now,
      actor: { subject: 'other', role: 4, orgUnitCode: '' },
      policy,
    }).state;
    const claimed = fakeRepository(taken);
    expect(
      await codeOf(
        claimVia(claimed.repo)({ referralId: 'r1', expectedVersion: '3' }, md(lawyer(desk.code))),
      ),
    ).toBe(status.FAILED_PRECONDITION);
    expect(claimed.saved).toHaveLength(0);
  });
});

describe('Claim with backfill (x-recorded-at)', () => {
  const clerk = commonV1.Principal.fromPartial({
    subject: 'lawyer-1',
    roles: [commonV1.Role.ROLE_STATIONED_LAWYER, commonV1.Role.ROLE_ADMINISTRATOR],
    deskCode: desk.code,
  });
  const at = (hoursAgo: number) => {
    const metadata = md(clerk);
    metadata.set('x-recorded-at', new Date(now.getTime() - hoursAgo * 3_600_000).toISOString());
    return metadata;
  };
  const withHistory = () => {
    const loaded = loadedReferral();
    loaded.state.history = [
      {
        sequence: 1,
        eventType: 'mediation.referral.v1.ReferralCreated',
        occurredAt: new Date(now.getTime() - 2 * 3_600_000),
        actor: null,
        deskCode: desk.code,
        summary: '',
      },
    ];
    return loaded;
  };

  it('dates the step at the backfill time and marks the write', async () => {
    const { repo } = fakeRepository(withHistory());
    const apply = jest.spyOn(repo, 'apply');
    const { referral } = await claimVia(repo, true)(
      { referralId: 'r1', expectedVersion: '3' },
      at(1),
    );
    expect(referral!.claimedAt).toEqual({
      seconds: String((now.getTime() - 3_600_000) / 1000),
      nanos: 0,
    });
    expect(apply.mock.calls[0][2]).toEqual(new Date(now.getTime() - 3_600_000));
    expect(apply.mock.calls[0][3]).toMatchObject({ backfillWrittenAt: now });
  });

  it('refuses a step before the last recorded one, and backfill when it is off', async () => {
    const { repo, saved } = fakeRepository(withHistory());
    expect(
      await codeOf(claimVia(repo, true)({ referralId: 'r1', expectedVersion: '3' }, at(3))),
    ).toBe(status.FAILED_PRECONDITION);
    expect(
      await codeOf(claimVia(repo, false)({ referralId: 'r1', expectedVersion: '3' }, at(1))),
    ).toBe(status.PERMISSION_DENIED);
    expect(saved).toHaveLength(0);
  });
});
