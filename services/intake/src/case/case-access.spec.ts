import { commonV1, intakeV1 } from '@mediation/contracts';
import { NotPermittedError } from '@mediation/domain-kit';
import { orgDirectory } from '@mediation/org-directory';
import type { CaseProgressState, ReferralOnCase } from '../case-view/domain/case-progress';
import { caseReadAccess, referralAtDesk } from './case-access';
import { registeredCase } from './domain/case.fixtures';

const { Role } = commonV1;
const { ReferralStage } = intakeV1;
const directory = orgDirectory();
const DESK = 'DESK-COURT-1';

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
    expect(caseReadAccess(mediator, kase, directory)).toEqual({ why: 'scope', parties: 'clear' });
    expect(caseReadAccess(volunteer, kase, directory)).toEqual({ why: 'scope', parties: 'masked' });
  });

  it('lets a lawyer of the desk read the case behind a pending referral, without the parties', () => {
    expect(caseReadAccess(lawyer(), caseWith([referral()]), directory)).toEqual({
      why: 'referral:ref-1',
      parties: 'none',
    });
  });

  it('shows the contacts to the lawyer who claimed the referral, and only to them', () => {
    const claimed = caseWith([
      referral({ stage: ReferralStage.REFERRAL_STAGE_CLAIMED, lawyerId: 'lawyer-1' }),
    ]);
    expect(caseReadAccess(lawyer('lawyer-1'), claimed, directory).parties).toBe('contacts');
    expect(caseReadAccess(lawyer('lawyer-2'), claimed, directory).parties).toBe('none');
  });

  it('refuses a lawyer of another desk, a returned referral, a case without one, and other roles', () => {
    const refused = (p: commonV1.Principal, kase: ReturnType<typeof caseWith>) =>
      expect(() => caseReadAccess(p, kase, directory)).toThrow(NotPermittedError);
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
