import {
  commonV1,
  intakeV1,
  mediationV1,
  toTimestamp,
  type DecodedEvent,
} from '@mediation/contracts';
import { orgDirectory } from '@mediation/org-directory';
import { REMINDERS } from '../domain/notice.types';
import { SmsTemplates, variablesOf } from '../templates/sms-templates';
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

const proposed = (partyIds: string[]) =>
  ({
    type: 'mediation.mediation.v1.AgreementProposed',
    payload: mediationV1.AgreementProposed.fromPartial({
      context: { mediationId: 'm1', caseId: 'c1', committee: { code: 'MC-210202002001' } },
      proposalId: 'pr1',
      contentHash: 'ab'.repeat(32),
      partyIds,
    }),
  }) as DecodedEvent;

describe('an agreement proposed', () => {
  it('asks exactly the parties who must sign to read and sign it in their app, at once', () => {
    const [notice, ...rest] = planner.plan(proposed(['a', 'r', 'a']), AT);
    expect(rest).toEqual([]);
    expect(notice).toMatchObject({ key: 'agreement-ready', partyIds: ['a', 'r'], dueAt: AT });
    expect(notice!.params.zh['committee']).toContain('人民调解委员会');
    // A decision, not a reminder: a party who turned reminders off still gets it.
    expect(REMINDERS.has(notice!.key)).toBe(false);
  });

  it('with nobody named to sign: tells nobody (an empty list would mean every party)', () => {
    expect(planner.plan(proposed([]), AT)).toEqual([]);
  });

  it('its template says where to sign and carries no personal data', () => {
    const templates = new SmsTemplates();
    for (const language of ['zh', 'en'] as const) {
      const t = templates.of('agreement-ready', language).text;
      expect(variablesOf(t).sort()).toEqual(['caseNumber', 'committee']);
    }
    expect(templates.of('agreement-ready', 'zh').text).toContain('我的调解');
    expect(templates.of('agreement-ready', 'en').text).toContain('My mediation');
  });

  it('once reached, the parties are told it took effect (agreement-reached)', () => {
    const reached = {
      type: 'mediation.mediation.v1.AgreementReached',
      payload: mediationV1.AgreementReached.fromPartial({
        context: { caseId: 'c1', committee: { code: 'MC-210202002001' } },
      }),
    } as DecodedEvent;
    expect(planner.plan(reached, AT)).toMatchObject([{ key: 'agreement-reached', partyIds: [] }]);
  });
});

describe('a session scheduled', () => {
  it('carries the session in both its notices, the reminder a day before', () => {
    const at = new Date(AT.getTime() + 3 * 86_400_000);
    const scheduled = {
      type: 'mediation.mediation.v1.SessionScheduled',
      payload: mediationV1.SessionScheduled.fromPartial({
        context: { caseId: 'c1', committee: { code: 'MC-210202002001' } },
        sessionId: 's-9',
        scheduledAt: toTimestamp(at),
        invitedPartyIds: ['a'],
      }),
    } as DecodedEvent;
    const notices = planner.plan(scheduled, AT);
    expect(notices).toMatchObject([
      { key: 'session-scheduled', sessionId: 's-9', dueAt: AT },
      { key: 'session-tomorrow', sessionId: 's-9', slot: 'session:s-9' },
    ]);
    expect(notices[1]!.dueAt.getTime()).toBe(at.getTime() - 86_400_000);
  });
});
