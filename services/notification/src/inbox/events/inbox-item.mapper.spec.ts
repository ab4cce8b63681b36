import {
  commonV1,
  intakeV1,
  mediationV1,
  notificationV1,
  type DecodedEvent,
} from '@mediation/contracts';
import { holderAfter, inboxFactOf } from './inbox-item.mapper';

const { InboxKind } = notificationV1;
const { ConsentMethod, SessionAnswer } = mediationV1;
const COMMITTEE = { code: 'MC-210202002001', orgUnitCode: '210202002001' };
const HOLDER = { committeeCode: COMMITTEE.code, orgUnitCode: COMMITTEE.orgUnitCode };
const context = { mediationId: 'm1', caseId: 'c1', committee: COMMITTEE };
const event = (type: string, payload: unknown) => ({ type, payload }) as DecodedEvent;

describe('inboxFactOf', () => {
  it('an online application: the applicant, the committee the case went to, its number', () => {
    const opened = (channel: commonV1.Channel) =>
      event(
        'mediation.intake.v1.CaseOpened',
        intakeV1.CaseOpened.fromPartial({
          caseId: 'c1',
          caseNumber: 'N-1',
          facts: {
            channel,
            orgUnit: { code: '210202002001' },
            committee: { code: COMMITTEE.code },
            parties: [
              { partyId: 'r', role: commonV1.PartyRole.PARTY_ROLE_RESPONDENT },
              { partyId: 'a', role: commonV1.PartyRole.PARTY_ROLE_APPLICANT },
            ],
          },
        }),
      );
    expect(inboxFactOf(opened(commonV1.Channel.CHANNEL_ONLINE))).toEqual({
      kind: InboxKind.INBOX_KIND_ONLINE_APPLICATION,
      partyId: 'a',
      sessionId: '',
      caseNumber: 'N-1',
      holder: HOLDER,
    });
    expect(inboxFactOf(opened(commonV1.Channel.CHANNEL_WALK_IN))).toBeUndefined();
  });

  it.each([
    ['ConsentRecorded', InboxKind.INBOX_KIND_CONSENT_GIVEN],
    ['RefusalRecorded', InboxKind.INBOX_KIND_CONSENT_REFUSED],
  ])('%s: only what the party did online', (name, kind) => {
    const type = `mediation.mediation.v1.${name}`;
    const of = (method: mediationV1.ConsentMethod) =>
      inboxFactOf(event(type, { context, partyId: 'p1', method }));
    expect(of(ConsentMethod.CONSENT_METHOD_ONLINE)).toMatchObject({
      kind,
      partyId: 'p1',
      holder: HOLDER,
    });
    expect(of(ConsentMethod.CONSENT_METHOD_WRITTEN)).toBeUndefined();
    expect(of(ConsentMethod.CONSENT_METHOD_ELECTRONIC)).toBeUndefined();
  });

  it('a session answer: only a request to move it, with the session', () => {
    const of = (answer: mediationV1.SessionAnswer) =>
      inboxFactOf(
        event('mediation.mediation.v1.SessionResponseRecorded', {
          context,
          partyId: 'p1',
          sessionId: 's1',
          answer,
        }),
      );
    expect(of(SessionAnswer.SESSION_ANSWER_ASKS_TO_MOVE)).toMatchObject({
      kind: InboxKind.INBOX_KIND_SESSION_MOVE_ASKED,
      sessionId: 's1',
      partyId: 'p1',
    });
    expect(of(SessionAnswer.SESSION_ANSWER_WILL_ATTEND)).toBeUndefined();
  });

  it('a signature and a rating', () => {
    expect(
      inboxFactOf(
        event('mediation.mediation.v1.AgreementSigned', {
          context,
          partyId: 'p2',
          method: ConsentMethod.CONSENT_METHOD_ONLINE,
          awaitingPartyIds: [],
        }),
      ),
    ).toMatchObject({ kind: InboxKind.INBOX_KIND_AGREEMENT_SIGNED, partyId: 'p2' });
    const rated = (role: commonV1.Role) =>
      inboxFactOf(
        event('mediation.mediation.v1.SatisfactionRecorded', {
          context: { ...context, actor: { subject: 'party:p1', role } },
          partyId: 'p1',
          score: 5,
        }),
      );
    expect(rated(commonV1.Role.ROLE_PARTY)).toMatchObject({
      kind: InboxKind.INBOX_KIND_SATISFACTION_RATED,
      partyId: 'p1',
    });
    // Taken down by staff on a follow-up visit: no news to the committee.
    expect(rated(commonV1.Role.ROLE_MEDIATOR)).toBeUndefined();
  });

  it('nothing for the other events', () => {
    expect(
      inboxFactOf(event('mediation.mediation.v1.MediationAccepted', { context })),
    ).toBeUndefined();
  });
});

describe('holderAfter', () => {
  it('follows an escalation and a transfer to the receiving committee', () => {
    const to = { code: 'MC-210202002', orgUnitCode: '210202002' };
    for (const name of ['MediationEscalated', 'MediationTransferred'])
      expect(
        holderAfter(
          event(`mediation.mediation.v1.${name}`, {
            context: { ...context, committee: to },
            fromCommittee: COMMITTEE,
            toCommittee: to,
          }),
        ),
      ).toEqual({ holder: { committeeCode: to.code, orgUnitCode: to.orgUnitCode } });
  });

  it('takes the first holder and the case number from the mediation created', () => {
    expect(
      holderAfter(event('mediation.mediation.v1.MediationCreated', { context, caseNumber: 'N-1' })),
    ).toEqual({ holder: HOLDER, caseNumber: 'N-1' });
  });
});
