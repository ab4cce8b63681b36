import { commonV1, intakeV1, type DecodedEvent } from '@mediation/contracts';
import { orgDirectory } from '@mediation/org-directory';
import { NoticePlanner } from './notice-planner';

const planner = new NoticePlanner(orgDirectory());
const AT = new Date('2026-12-06T02:00:00Z');

const opened = (channel: commonV1.Channel) =>
  ({
    type: 'mediation.intake.v1.CaseOpened',
    payload: intakeV1.CaseOpened.fromPartial({
      caseId: 'c1',
      facts: {
        channel,
        committee: { code: 'MC-210202002001' },
        parties: [
          { partyId: 'a', role: commonV1.PartyRole.PARTY_ROLE_APPLICANT },
          { partyId: 'r', role: commonV1.PartyRole.PARTY_ROLE_RESPONDENT },
        ],
      },
    }),
  }) as DecodedEvent;

describe('a case opened', () => {
  it('online: tells the applicant, and only the applicant, that it arrived and where', () => {
    const [notice, ...rest] = planner.plan(opened(commonV1.Channel.CHANNEL_ONLINE), AT);
    expect(rest).toEqual([]);
    expect(notice).toMatchObject({ key: 'application-received', partyIds: ['a'], dueAt: AT });
    expect(notice!.params.zh['committee']).toContain('人民调解委员会');
  });

  it('by the staff (walk-in, hotline): nothing to tell', () => {
    expect(planner.plan(opened(commonV1.Channel.CHANNEL_WALK_IN), AT)).toEqual([]);
    expect(planner.plan(opened(commonV1.Channel.CHANNEL_HOTLINE_12348), AT)).toEqual([]);
  });
});
