import { commonV1, intakeV1 } from '@mediation/contracts';
import { NotPermittedError } from '@mediation/domain-kit';
import { orgDirectory } from '@mediation/org-directory';
import type { CaseProgressState, ReferralOnCase } from '../case-view/domain/case-progress';
import { PiiProtector } from '../pii/pii-protector';
import { assertCaseScope, caseReadAccess, ownPartyIds, referralAtDesk } from './case-access';
import { registeredCase } from './domain/case.fixtures';
import { toStoredParties } from './mapping/stored-parties';

const { Role } = commonV1;
const { ReferralStage } = intakeV1;
const directory = orgDirectory();
const DESK = 'DESK-COURT-1';
const pii = new PiiProtector({
  encryptionKey: Buffer.alloc(32, 1),
  encryptionKeyId: 'k1',
  hashKey: Buffer.alloc(32, 2),
});

const lawyer = (subject = 'lawyer-1', deskCode = DESK) =>
  commonV1.Principal.fromPartial({
    subject,
    roles: [Role.ROLE_STATIONED_LAWYER],
    orgUnitCode: '210202',
    deskCode,
  });

const referral = (over: Partial<ReferralOnCase> = {}): ReferralOnCase => ({
  referralId: 'ref-1',
  inbound: false,
  stage: ReferralStage.REFERRAL_STAGE_PENDING,
  desk: { code: DESK, institutionCode: 'COURT-1', institutionType: 1 },
  institution: { code: 'COURT-1', type: 1 },
  lawyerId: '',
  claimDueAt: null,
  outcomeDueAt: null,
  ...over,
});

const progress = (referrals: ReferralOnCase[]) =>
  ({ referrals, referral: referrals[referrals.length - 1] ?? null }) as CaseProgressState;

const caseWith = (referrals: ReferralOnCase[] | null) => ({
  ...registeredCase(),
  progress: referrals ? progress(referrals) : null,
});

describe('caseReadAccess', () => {
  it('allows the scope, with clear parties only for roles that may read them', () => {
    const kase = caseWith(null);
    const mediator = commonV1.Principal.fromPartial({
      subject: 'm',
      roles: [Role.ROLE_MEDIATOR],
      orgUnitCode: '210202002001',
    });
    const volunteer = { ...mediator, roles: [Role.ROLE_VOLUNTEER] };
    expect(caseReadAccess(mediator, kase, directory, pii)).toEqual({
      why: 'scope',
      parties: 'clear',
    });
    expect(caseReadAccess(volunteer, kase, directory, pii)).toEqual({
      why: 'scope',
      parties: 'masked',
    });
  });

  it('lets a lawyer of the desk read the case behind a pending referral, without the parties', () => {
    expect(caseReadAccess(lawyer(), caseWith([referral()]), directory, pii)).toEqual({
      why: 'referral:ref-1',
      parties: 'none',
    });
  });

  it('shows the contacts to the lawyer who claimed the referral, and only to them', () => {
    const claimed = caseWith([
      referral({ stage: ReferralStage.REFERRAL_STAGE_CLAIMED, lawyerId: 'lawyer-1' }),
    ]);
    expect(caseReadAccess(lawyer('lawyer-1'), claimed, directory, pii).parties).toBe('contacts');
    expect(caseReadAccess(lawyer('lawyer-2'), claimed, directory, pii).parties).toBe('none');
  });

  it('refuses a lawyer of another desk, a returned referral, a case without one, and other roles', () => {
    const refused = (p: commonV1.Principal, kase: ReturnType<typeof caseWith>) =>
      expect(() => caseReadAccess(p, kase, directory, pii)).toThrow(NotPermittedError);
    refused(lawyer('lawyer-1', 'DESK-OTHER'), caseWith([referral()]));
    refused(lawyer('lawyer-1', ''), caseWith([referral()]));
    refused(
      lawyer(),
      caseWith([referral({ stage: ReferralStage.REFERRAL_STAGE_RETURNED, lawyerId: 'lawyer-1' })]),
    );
    refused(lawyer(), caseWith(null));
    refused(lawyer(), caseWith([referral({ desk: null })]));
    const analyst = { ...lawyer(), roles: [Role.ROLE_ANALYST] };
    refused(analyst, caseWith([referral()]));
  });
});

describe('referralAtDesk', () => {
  it('prefers the referral this lawyer claimed over another open one at the desk', () => {
    const other = referral({ referralId: 'ref-1' });
    const mine = referral({
      referralId: 'ref-2',
      stage: ReferralStage.REFERRAL_STAGE_OUTCOME_RECORDED,
      lawyerId: 'lawyer-1',
    });
    expect(referralAtDesk(progress([other, mine]), lawyer())?.referralId).toBe('ref-2');
  });
});

describe('a party (ROLE_PARTY)', () => {
  const A = '13812345678';
  const B = '13987654321';
  const party = (partyPhone: string, over: Partial<commonV1.Principal> = {}) =>
    commonV1.Principal.fromPartial({
      subject: `party:${partyPhone}`,
      roles: [Role.ROLE_PARTY],
      partyPhone,
      ...over,
    });
  const person = (partyId: string, role: number, name: string, phone: string) =>
    commonV1.Party.fromPartial({ partyId, kind: 1, role, name, phone });
  // A is the applicant and a co-respondent; B is not on the case; a landline party too.
  const kase = {
    ...registeredCase(),
    progress: null,
    parties: toStoredParties(
      [
        person('p-a', 1, '张三', `+86 ${A}`),
        person('p-r', 2, '李四', '13700000000'),
        person('p-a2', 2, '张三', A),
        person('p-l', 2, '王五', '0411-82345678'),
        person('p-none', 2, '赵六', ''),
      ],
      pii,
    ),
  };

  it('reads a case that names its phone, with its own records in clear, and says why', () => {
    expect(caseReadAccess(party(A), kase, directory, pii)).toEqual({
      why: 'party',
      parties: 'party',
      ownPartyIds: ['p-a', 'p-a2'],
    });
  });

  it('is refused, with no data, a case that does not name its phone', () => {
    expect(() => caseReadAccess(party(B), kase, directory, pii)).toThrow(NotPermittedError);
  });

  it('reaches nothing through an org unit or a referral, whatever it claims', () => {
    const elsewhere = { ...kase, parties: kase.parties.filter((p) => p.partyId === 'p-r') };
    const claims = party(A, {
      orgUnitCode: '210202002001',
      deskCode: DESK,
      roles: [Role.ROLE_PARTY, Role.ROLE_ADMINISTRATOR],
    });
    expect(() => caseReadAccess(claims, elsewhere, directory, pii)).toThrow(NotPermittedError);
    expect(() =>
      caseReadAccess(
        party(A, { subject: 'lawyer-1', deskCode: DESK }),
        { ...elsewhere, progress: progress([referral({ lawyerId: 'lawyer-1' })]) },
        directory,
        pii,
      ),
    ).toThrow(NotPermittedError);
  });

  it('matches nothing without a proper mobile: none, a landline, another form of it', () => {
    for (const phone of ['', '0411-82345678', '+8613812345678', '8613812345678'])
      expect(ownPartyIds(party(phone), kase.parties, pii)).toEqual([]);
    // Nobody but a party has own records, even with a phone on the principal.
    const mediator = { ...party(A), roles: [Role.ROLE_MEDIATOR] };
    expect(ownPartyIds(mediator, kase.parties, pii)).toEqual([]);
  });

  it('may act on no case: every command’s scope rule refuses it, even on its own case', () => {
    expect(() => assertCaseScope(party(A), kase.orgUnitCode, directory)).toThrow(NotPermittedError);
    expect(() =>
      assertCaseScope(party(A, { orgUnitCode: kase.orgUnitCode }), kase.orgUnitCode, directory),
    ).toThrow(NotPermittedError);
  });
});
