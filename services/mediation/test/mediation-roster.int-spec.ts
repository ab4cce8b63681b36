import { status, type ServiceError } from '@grpc/grpc-js';
import { fieldViolations } from '@mediation/service-kit';
import { commonV1, mediationV1, MediationHarness, staff } from './support/mediation-harness';

// Committee rosters (art. 8), assignment from the roster with the parties' choice (art. 19),
// recusal (arts. 19, 23) and participants with consent (art. 20), against the real broker and
// FerretDB.
const M = mediationV1;
const { Role } = commonV1;
const COMMUNITY = '210202002001';
const COMMITTEE = 'MC-210202002001';
const OTHER_COMMITTEE = 'MC-210202002002';

const admin = staff(COMMITTEE, COMMUNITY, Role.ROLE_COMMITTEE_ADMIN);
const mediator = staff(COMMITTEE, COMMUNITY);
const otherAdmin = staff(OTHER_COMMITTEE, '210202002002', Role.ROLE_COMMITTEE_ADMIN);
const ts = (d: Date) => ({ seconds: String(Math.floor(d.getTime() / 1000)), nanos: 0 });

const h = new MediationHarness();
beforeAll(() => h.start());
afterAll(() => h.stop());

type Roster = mediationV1.CommitteeRoster;
const failure = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: ServiceError) => e,
  );
const roster = async (code = COMMITTEE, who = mediator) =>
  (await h.call('getCommitteeRoster', { committeeCode: code }, who)).roster!;
const setMember = async (
  version: string,
  memberId: string,
  gender: mediationV1.Gender,
  role = M.CommitteeMemberRole.COMMITTEE_MEMBER_ROLE_MEMBER,
  who = admin,
) =>
  (
    await h.call(
      'setRosterMember',
      {
        committeeCode: COMMITTEE,
        expectedVersion: version,
        memberId,
        name: `委员${memberId}`,
        gender,
        role,
        specialities: ['邻里'],
      },
      who,
    )
  ).roster!;
const issues = (r: Roster) => r.compliance.map((i) => M.RosterIssueCode[i.code]);

/** A case at the community committee, accepted: the state AssignMediators needs. */
async function acceptedCase(): Promise<string> {
  const caseId = await h.openCase(COMMUNITY);
  await h.waitForMediation(caseId);
  await h.act('accept', mediator, caseId);
  return caseId;
}

const lead = (mediatorId: string, extra: object = {}) => ({
  mediatorId,
  role: M.MediatorRole.MEDIATOR_ROLE_LEAD,
  ...extra,
});
const assistant = (mediatorId: string, extra: object = {}) => ({
  mediatorId,
  role: M.MediatorRole.MEDIATOR_ROLE_ASSISTANT,
  ...extra,
});

it('a committee admin keeps the roster; art. 8 shows as warnings; others are refused, nothing written', async () => {
  const empty = await roster();
  expect(empty).toMatchObject({ version: '0', members: [] });
  expect(empty.committee).toEqual({ code: COMMITTEE, orgUnitCode: COMMUNITY, level: 4 });
  expect(issues(empty)).toEqual([
    'ROSTER_ISSUE_CODE_TOO_FEW_MEMBERS',
    'ROSTER_ISSUE_CODE_NO_DIRECTOR',
    'ROSTER_ISSUE_CODE_NO_WOMAN_MEMBER',
  ]);

  let r = await setMember(
    '0',
    'r-dir',
    M.Gender.GENDER_MALE,
    M.CommitteeMemberRole.COMMITTEE_MEMBER_ROLE_DIRECTOR,
  );
  expect(r.version).toBe('1');
  // Mid-way states are accepted, only reported.
  expect(issues(r)).toEqual([
    'ROSTER_ISSUE_CODE_TOO_FEW_MEMBERS',
    'ROSTER_ISSUE_CODE_NO_WOMAN_MEMBER',
  ]);
  r = await setMember(r.version, 'r-f', M.Gender.GENDER_FEMALE);
  r = await setMember(r.version, 'r-3', M.Gender.GENDER_MALE);
  r = await setMember(r.version, 'r-old', M.Gender.GENDER_MALE);
  expect(issues(r)).toEqual([]);
  r = (
    await h.call(
      'deactivateRosterMember',
      { committeeCode: COMMITTEE, expectedVersion: r.version, memberId: 'r-old', reason: '调离' },
      admin,
    )
  ).roster!;

  const read = await roster();
  expect(read.version).toBe('5');
  expect(read.members.map((m) => [m.memberId, m.name, m.active])).toEqual([
    ['r-dir', '委员r-dir', true],
    ['r-f', '委员r-f', true],
    ['r-3', '委员r-3', true],
    ['r-old', '委员r-old', false],
  ]);
  expect(read.members[1]).toMatchObject({
    gender: M.Gender.GENDER_FEMALE,
    role: M.CommitteeMemberRole.COMMITTEE_MEMBER_ROLE_MEMBER,
    specialities: ['邻里'],
  });
  expect(read.members[3].deactivationReason).toBe('调离');
  expect(issues(read)).toEqual([]);

  // Refusals: none of them writes anything.
  const stale = await failure(setMember('4', 'r-x', M.Gender.GENDER_MALE));
  expect(stale.code).toBe(status.ABORTED);
  for (const who of [mediator, otherAdmin]) {
    const denied = await failure(setMember('5', 'r-x', M.Gender.GENDER_MALE, undefined, who));
    expect(denied.code).toBe(status.PERMISSION_DENIED);
  }
  const invalid = await failure(
    h.call(
      'setRosterMember',
      {
        committeeCode: COMMITTEE,
        expectedVersion: '5',
        memberId: 'bad id',
        name: ' ',
        specialities: [''],
      },
      admin,
    ),
  );
  expect(invalid.code).toBe(status.INVALID_ARGUMENT);
  expect(fieldViolations(invalid.metadata).map((v) => v.field)).toEqual([
    'member_id',
    'name',
    'gender',
    'role',
    'specialities[0]',
  ]);
  const unknown = await failure(
    h.call(
      'deactivateRosterMember',
      { committeeCode: COMMITTEE, expectedVersion: '5', memberId: 'nobody', reason: 'x' },
      admin,
    ),
  );
  expect(unknown.code).toBe(status.INVALID_ARGUMENT);
  const noCommittee = await failure(roster('MC-NOPE'));
  expect(fieldViolations(noCommittee.metadata).map((v) => v.field)).toEqual(['committee_code']);
  expect((await roster()).version).toBe('5');
  expect((await roster()).members).toHaveLength(4);
});

it('assigns only active members of the holding committee’s roster; a refusal writes nothing', async () => {
  await h.keepRoster(OTHER_COMMITTEE, [['o-1', M.Gender.GENDER_FEMALE]]);
  const caseId = await acceptedCase();
  const before = await h.get(caseId);
  for (const mediators of [
    [lead('nobody')], // not on any roster
    [lead('o-1')], // another committee's member
    [lead('r-dir'), assistant('r-old')], // inactive
  ]) {
    const refused = await failure(
      h.call(
        'assignMediators',
        { mediationId: caseId, expectedVersion: before.version, mediators },
        mediator,
      ),
    );
    expect(refused.code).toBe(status.FAILED_PRECONDITION);
    expect(refused.details).toMatch(/roster of MC-210202002001/);
  }
  const after = await h.get(caseId);
  expect(after.version).toBe(before.version);
  expect(after.mediators).toEqual([]);
  expect(after.timeline).toHaveLength(before.timeline.length);
});

it('records a party’s choice of mediator on the assignment, the event and the timeline', async () => {
  const caseId = await acceptedCase();
  const assigned = await h.act('assignMediators', mediator, caseId, {
    mediators: [lead('r-f', { chosenByPartyId: 'p-applicant' }), assistant('r-3')],
  });
  expect(assigned.mediators).toMatchObject([
    {
      mediatorId: 'r-f',
      displayName: '委员r-f',
      chosenByParties: true,
      chosenByPartyId: 'p-applicant',
    },
    { mediatorId: 'r-3', displayName: '委员r-3', chosenByParties: false, chosenByPartyId: '' },
  ]);
  const entry = assigned.timeline.at(-1)!;
  expect(entry.eventType).toBe('mediation.mediation.v1.MediatorsAssigned');
  expect(entry.summaryText).toEqual({
    zh: '指派调解员：委员r-f（主调解员）、委员r-3（协助）；委员r-f由申请人选定。',
    en: 'Mediators assigned: 委员r-f (lead), 委员r-3 (assistant); chosen by the parties: 委员r-f by the applicant.',
  });
  expect(entry.summary).toBe(entry.summaryText!.en);
  expect(entry.actor?.subject).toBe(mediator.subject);
  const events = await h.waitForEvents(caseId, 3);
  const event = events.find((e) => e.type === 'MediatorsAssigned')!;
  expect(event.payload.mediators).toEqual([
    {
      mediatorId: 'r-f',
      role: M.MediatorRole.MEDIATOR_ROLE_LEAD,
      chosenByParties: true,
      chosenByPartyId: 'p-applicant',
      displayName: '委员r-f',
    },
    {
      mediatorId: 'r-3',
      role: M.MediatorRole.MEDIATOR_ROLE_ASSISTANT,
      chosenByParties: false,
      chosenByPartyId: '',
      displayName: '委员r-3',
    },
  ]);
  // Staff names travel with the event now (MediatorRef.display_name); the payload is exactly the
  // context and the lists above.
  expect(Object.keys(event.payload).sort()).toEqual(['context', 'mediators', 'recusedMediatorIds']);
});

it('recusal takes the mediator off the case for good; a recused lead is replaced before a session', async () => {
  const caseId = await acceptedCase();
  await h.act('assignMediators', mediator, caseId, {
    mediators: [lead('r-dir'), assistant('r-3')],
  });
  const recused = await h.act('recordRecusal', mediator, caseId, {
    partyId: 'p-respondent',
    mediatorId: 'r-dir',
    reason: '调解员与申请人系亲属',
    method: M.ConsentMethod.CONSENT_METHOD_ORAL,
  });
  expect(recused.mediators.map((m) => m.mediatorId)).toEqual(['r-3']);
  expect(recused.recusedMediatorIds).toEqual(['r-dir']);
  expect(recused.leadRequired).toBe(true);
  expect(recused.consents.at(-1)).toMatchObject({
    partyId: 'p-respondent',
    subject: M.ConsentSubject.CONSENT_SUBJECT_MEDIATOR,
    subjectRef: 'r-dir',
    given: false,
  });
  expect(recused.timeline.at(-1)).toMatchObject({
    eventType: 'mediation.mediation.v1.MediatorRecused',
    summary: expect.stringContaining('a new lead is required'),
    summaryText: { zh: expect.stringContaining('需另行指派主调解员'), en: expect.any(String) },
  });

  const session = {
    heldAt: ts(new Date()),
    attendedPartyIds: ['p-applicant', 'p-respondent'],
    outcome: M.SessionOutcome.SESSION_OUTCOME_AGREEMENT_LIKELY,
  };
  const noLead = await failure(
    h.call(
      'recordSession',
      { mediationId: caseId, expectedVersion: recused.version, ...session },
      mediator,
    ),
  );
  expect(noLead.code).toBe(status.FAILED_PRECONDITION);
  expect(noLead.details).toMatch(/assign a new lead/);
  const again = await failure(
    h.call(
      'assignMediators',
      { mediationId: caseId, expectedVersion: recused.version, mediators: [lead('r-dir')] },
      mediator,
    ),
  );
  expect(again.code).toBe(status.FAILED_PRECONDITION);
  expect(again.details).toMatch(/refused by a party/);
  expect((await h.get(caseId)).version).toBe(recused.version);

  const relead = await h.act('assignMediators', mediator, caseId, {
    mediators: [lead('r-3'), assistant('r-f')],
  });
  expect(relead.leadRequired).toBe(false);
  const held = await h.act('recordSession', mediator, caseId, session);
  expect(held.sessions).toHaveLength(1);

  const events = await h.waitForEvents(caseId, 6);
  expect(events.map((e) => e.type)).toEqual([
    'MediationCreated',
    'MediationAccepted',
    'MediatorsAssigned',
    'MediatorRecused',
    'MediatorsAssigned',
    'SessionRecorded',
  ]);
  expect(events[3].payload).toMatchObject({
    partyId: 'p-respondent',
    mediatorId: 'r-dir',
    removed: true,
    leadRequired: true,
  });
  expect(JSON.stringify(events[3].payload)).not.toContain('亲属');
});

it('invites relatives, neighbours and experts with every party’s consent, on the timeline', async () => {
  const caseId = await acceptedCase();
  const both = ['p-applicant', 'p-respondent'];
  const before = await h.get(caseId);
  const lacking = await failure(
    h.call(
      'inviteParticipants',
      {
        mediationId: caseId,
        expectedVersion: before.version,
        participants: [
          {
            name: '赵六',
            relation: M.ParticipantRelation.PARTICIPANT_RELATION_RELATIVE,
            consentingPartyIds: ['p-applicant'],
          },
        ],
      },
      mediator,
    ),
  );
  expect(lacking.code).toBe(status.FAILED_PRECONDITION);
  expect((await h.get(caseId)).version).toBe(before.version);

  const invited = await h.act('inviteParticipants', mediator, caseId, {
    participants: [
      {
        name: '赵六',
        relation: M.ParticipantRelation.PARTICIPANT_RELATION_RELATIVE,
        consentingPartyIds: both,
      },
      {
        name: '钱七',
        relation: M.ParticipantRelation.PARTICIPANT_RELATION_NEIGHBOUR,
        consentingPartyIds: both,
      },
      {
        name: '孙八',
        relation: M.ParticipantRelation.PARTICIPANT_RELATION_EXPERT,
        note: '房屋质量鉴定',
        consentingPartyIds: both,
      },
    ],
  });
  expect(invited.participants.map((p) => [p.name, p.relation, p.consentingPartyIds])).toEqual([
    ['赵六', M.ParticipantRelation.PARTICIPANT_RELATION_RELATIVE, both],
    ['钱七', M.ParticipantRelation.PARTICIPANT_RELATION_NEIGHBOUR, both],
    ['孙八', M.ParticipantRelation.PARTICIPANT_RELATION_EXPERT, both],
  ]);
  expect(invited.timeline.at(-1)).toMatchObject({
    eventType: 'mediation.mediation.v1.ParticipantsInvited',
    summary: '3 participants invited with the parties’ consent.',
    summaryText: {
      zh: '经各方当事人同意，邀请3名人员参与调解。',
      en: '3 participants invited with the parties’ consent.',
    },
  });
  const events = await h.waitForEvents(caseId, 3);
  const event = events.find((e) => e.type === 'ParticipantsInvited')!;
  expect(event.payload.participants).toEqual(
    invited.participants.map((p) => ({ participantId: p.participantId, relation: p.relation })),
  );
  // Third persons' names stay in the mediation service.
  expect(JSON.stringify(event.payload)).not.toMatch(/赵六|钱七|孙八/);
});
