// The staff inbox against the real Kafka and FerretDB: what the parties did in their app becomes
// one item per event (a full replay adds nothing), addressed to the committee holding the case
// (after a transfer, the new one); a caller sees the items of its scope only, newest first, page
// by page; read marks are per user.
import { status } from '@grpc/grpc-js';
import { randomUUID } from 'node:crypto';
import {
  commonV1,
  intakeV1,
  mediationV1,
  notificationV1,
  type EventPayload,
  type EventType,
} from '@mediation/contracts';
import { eventually } from '@mediation/testing';
import { NotificationHarness, ORG_UNIT } from './support/notification-harness';

const { InboxKind } = notificationV1;
const { ConsentMethod, SessionAnswer } = mediationV1;
const { Role } = commonV1;
const COMMITTEE = { code: 'MC-210202002001', orgUnitCode: ORG_UNIT };
const NEIGHBOUR = { code: 'MC-210202002002', orgUnitCode: '210202002002' };

const staff = (subject: string, roles: commonV1.Role[], extra: Partial<commonV1.Principal> = {}) =>
  commonV1.Principal.fromPartial({ subject, roles, orgUnitCode: ORG_UNIT, ...extra });
const mediator = (subject = 'mediator-1') =>
  staff(subject, [Role.ROLE_MEDIATOR], { committeeCode: COMMITTEE.code });
const streetAdmin = staff('street-admin', [Role.ROLE_COMMITTEE_ADMIN], {
  orgUnitCode: '210202002',
});
const neighbour = staff('neighbour-1', [Role.ROLE_MEDIATOR], {
  orgUnitCode: NEIGHBOUR.orgUnitCode,
  committeeCode: NEIGHBOUR.code,
});
const elsewhere = staff('elsewhere-1', [Role.ROLE_MEDIATOR], { orgUnitCode: '210204' });
const admin = staff('admin-1', [Role.ROLE_ADMINISTRATOR], { orgUnitCode: '' });

let h: NotificationHarness;

beforeAll(async () => {
  h = await NotificationHarness.start();
});
afterAll(async () => {
  await h?.stop();
});

const context = (caseId: string, committee = COMMITTEE) => ({
  mediationId: caseId,
  caseId,
  committee,
});
/** A party's own act in the parties' app, as the mediation service records its actor. */
const byParty = (caseId: string, partyId: string) => ({
  ...context(caseId),
  actor: { subject: `party:${partyId}`, role: commonV1.Role.ROLE_PARTY },
});

/** Publishes a mediation event with a known id, so that the test can name its item. */
async function publish<T extends EventType>(type: T, payload: EventPayload<T>, caseId: string) {
  const eventId = randomUUID();
  await h.publish(type, payload, caseId, { eventId });
  return eventId;
}

async function openOnline(caseId: string, applicant: string): Promise<string> {
  const eventId = randomUUID();
  await h.publish(
    'mediation.intake.v1.CaseOpened',
    intakeV1.CaseOpened.fromPartial({
      caseId,
      caseNumber: `（2026）光景调字第${caseId.slice(0, 5)}号`,
      facts: {
        channel: commonV1.Channel.CHANNEL_ONLINE,
        orgUnit: { code: ORG_UNIT },
        committee: COMMITTEE,
        parties: [
          { partyId: applicant, role: commonV1.PartyRole.PARTY_ROLE_APPLICANT },
          { partyId: 'respondent', role: commonV1.PartyRole.PARTY_ROLE_RESPONDENT },
        ],
      },
    }),
    caseId,
    { eventId },
  );
  return eventId;
}

const itemsOf = async (caseId: string) => h.db.collection('inbox_items').find({ caseId }).toArray();

/** Every item the caller sees of these cases, page by page. */
async function allPages(principal: commonV1.Principal, caseIds: string[], pageSize = 2) {
  const items: notificationV1.InboxItem[] = [];
  let pageToken = '';
  let pages = 0;
  do {
    const answer = await h.call('listInbox', { page: { pageSize, pageToken } }, principal);
    items.push(...answer.items.filter((i) => caseIds.includes(i.caseId)));
    pageToken = answer.page?.nextPageToken ?? '';
    pages++;
  } while (pageToken && pages < 500);
  return items;
}

it('keeps one item per thing a party did online, for the committee holding the case, once across a replay', async () => {
  const caseId = randomUUID();
  const applicant = randomUUID();
  const opened = await openOnline(caseId, applicant);
  const consent = await publish(
    'mediation.mediation.v1.ConsentRecorded',
    mediationV1.ConsentRecorded.fromPartial({
      context: context(caseId),
      partyId: applicant,
      method: ConsentMethod.CONSENT_METHOD_ONLINE,
    }),
    caseId,
  );
  // Recorded by the staff (in writing): nothing for the inbox.
  await publish(
    'mediation.mediation.v1.ConsentRecorded',
    mediationV1.ConsentRecorded.fromPartial({
      context: context(caseId),
      partyId: 'respondent',
      method: ConsentMethod.CONSENT_METHOD_WRITTEN,
    }),
    caseId,
  );
  const refusal = await publish(
    'mediation.mediation.v1.RefusalRecorded',
    mediationV1.RefusalRecorded.fromPartial({
      context: context(caseId),
      partyId: 'respondent',
      method: ConsentMethod.CONSENT_METHOD_ONLINE,
    }),
    caseId,
  );
  const sessionId = randomUUID();
  await publish(
    'mediation.mediation.v1.SessionResponseRecorded',
    mediationV1.SessionResponseRecorded.fromPartial({
      context: context(caseId),
      partyId: applicant,
      sessionId,
      answer: SessionAnswer.SESSION_ANSWER_WILL_ATTEND,
    }),
    caseId,
  );
  const move = await publish(
    'mediation.mediation.v1.SessionResponseRecorded',
    mediationV1.SessionResponseRecorded.fromPartial({
      context: context(caseId),
      partyId: 'respondent',
      sessionId,
      answer: SessionAnswer.SESSION_ANSWER_ASKS_TO_MOVE,
    }),
    caseId,
  );
  const signed = await publish(
    'mediation.mediation.v1.AgreementSigned',
    mediationV1.AgreementSigned.fromPartial({
      context: context(caseId),
      partyId: applicant,
      method: ConsentMethod.CONSENT_METHOD_ONLINE,
    }),
    caseId,
  );
  const rated = await publish(
    'mediation.mediation.v1.SatisfactionRecorded',
    mediationV1.SatisfactionRecorded.fromPartial({
      context: byParty(caseId, applicant),
      partyId: applicant,
      score: 4,
    }),
    caseId,
  );
  await eventually(async () => ((await itemsOf(caseId)).length === 6 ? true : undefined), {
    what: 'six inbox items',
  });

  const seen = await allPages(mediator(), [caseId]);
  // Newest first: the events were published in order, a millisecond or more apart at most.
  expect(seen.map((i) => i.itemId)).toEqual(
    [...(await itemsOf(caseId))]
      .sort(
        (x, y) =>
          (y['occurredAt'] as Date).getTime() - (x['occurredAt'] as Date).getTime() ||
          (String(y._id) < String(x._id) ? -1 : 1),
      )
      .map((d) => String(d._id)),
  );
  const byId = new Map(seen.map((i) => [i.itemId, i]));
  expect(byId.get(opened)).toMatchObject({
    kind: InboxKind.INBOX_KIND_ONLINE_APPLICATION,
    partyId: applicant,
    partyRole: commonV1.PartyRole.PARTY_ROLE_APPLICANT,
    caseNumber: `（2026）光景调字第${caseId.slice(0, 5)}号`,
    committeeCode: COMMITTEE.code,
    orgUnitCode: ORG_UNIT,
    read: false,
  });
  expect(byId.get(consent)).toMatchObject({ kind: InboxKind.INBOX_KIND_CONSENT_GIVEN });
  expect(byId.get(refusal)).toMatchObject({
    kind: InboxKind.INBOX_KIND_CONSENT_REFUSED,
    partyId: 'respondent',
    // Who acted, by role (the case's registration): no name leaves intake.
    partyRole: commonV1.PartyRole.PARTY_ROLE_RESPONDENT,
  });
  expect(byId.get(move)).toMatchObject({
    kind: InboxKind.INBOX_KIND_SESSION_MOVE_ASKED,
    sessionId,
    note: '',
  });
  expect(byId.get(signed)).toMatchObject({ kind: InboxKind.INBOX_KIND_AGREEMENT_SIGNED });
  expect(byId.get(rated)).toMatchObject({ kind: InboxKind.INBOX_KIND_SATISFACTION_RATED });
  // The case number comes with the mediation's items too (from the case's registration).
  expect(seen.every((i) => i.caseNumber.includes(caseId.slice(0, 5)))).toBe(true);

  // The service forgets which events it applied and reads both topics again from the start.
  await h.db.collection('applied_sequences').deleteMany({});
  await h.shutdown();
  await h.boot({ NOTIFICATION_CONSUMER_GROUP: `${h.config.NOTIFICATION_CONSUMER_GROUP}-replay` });
  // A later event shows the replay has been consumed past the others (one partition per case).
  const later = await publish(
    'mediation.mediation.v1.SatisfactionRecorded',
    mediationV1.SatisfactionRecorded.fromPartial({
      context: byParty(caseId, 'respondent'),
      partyId: 'respondent',
      score: 2,
    }),
    caseId,
  );
  await eventually(
    async () => ((await itemsOf(caseId)).some((d) => String(d._id) === later) ? true : undefined),
    { what: 'the later item' },
  );
  const applied = await h.db.collection('applied_sequences').find({}).toArray();
  expect(applied.some((a) => String(a._id).includes(caseId))).toBe(true);
  expect(await itemsOf(caseId)).toHaveLength(7);
  expect(await allPages(mediator(), [caseId], 50)).toHaveLength(7);
});

it('shows a caller only the items of its scope, and marks them read per user', async () => {
  const caseId = randomUUID();
  const applicant = randomUUID();
  const opened = await openOnline(caseId, applicant);
  const consent = await publish(
    'mediation.mediation.v1.ConsentRecorded',
    mediationV1.ConsentRecorded.fromPartial({
      context: context(caseId),
      partyId: applicant,
      method: ConsentMethod.CONSENT_METHOD_ONLINE,
    }),
    caseId,
  );
  await eventually(async () => ((await itemsOf(caseId)).length === 2 ? true : undefined), {
    what: 'two items',
  });

  // Out of scope: another district; the neighbouring community's committee.
  expect(await allPages(elsewhere, [caseId], 500)).toEqual([]);
  expect(await allPages(neighbour, [caseId], 500)).toEqual([]);
  // In scope: the committee's own staff, the street above it, an administrator.
  expect(await allPages(streetAdmin, [caseId], 500)).toHaveLength(2);
  expect(await allPages(admin, [caseId], 500)).toHaveLength(2);
  // No inbox at all for an analyst or a stationed lawyer.
  for (const roles of [[Role.ROLE_ANALYST], [Role.ROLE_STATIONED_LAWYER]])
    await expect(h.call('listInbox', {}, staff('x', roles))).rejects.toMatchObject({
      code: status.PERMISSION_DENIED,
    });

  const unread = async (p: commonV1.Principal) =>
    (await h.call('listInbox', { unreadOnly: true, page: { pageSize: 500 } }, p)).items
      .filter((i) => i.caseId === caseId)
      .map((i) => i.itemId);
  const countBefore = (await h.call('listInbox', {}, mediator())).unreadCount;

  // Out of scope: marks nothing, for nobody.
  expect((await h.call('markInboxRead', { itemIds: [opened, consent] }, neighbour)).marked).toBe(0);
  expect((await unread(mediator())).sort()).toEqual([opened, consent].sort());

  expect((await h.call('markInboxRead', { itemIds: [opened] }, mediator())).marked).toBe(1);
  expect((await h.call('markInboxRead', { itemIds: [opened] }, mediator())).marked).toBe(0);
  expect(await unread(mediator())).toEqual([consent]);
  const after = await h.call('listInbox', { page: { pageSize: 500 } }, mediator());
  expect(after.unreadCount).toBe(countBefore - 1);
  expect(after.items.find((i) => i.itemId === opened)?.read).toBe(true);
  expect(after.items.find((i) => i.itemId === consent)?.read).toBe(false);
  // Another user of the same committee still has both unread.
  expect((await unread(mediator('mediator-2'))).sort()).toEqual([opened, consent].sort());

  await expect(h.call('markInboxRead', { itemIds: [] }, mediator())).rejects.toMatchObject({
    code: status.INVALID_ARGUMENT,
  });
});

it('addresses items to the new holder after a transfer, and lets it read the delivery log', async () => {
  const caseId = randomUUID();
  const applicant = randomUUID();
  await h.caseOpened(caseId, [{ partyId: applicant, mobile: '' }]);
  await expect(h.call('listDeliveries', { caseId }, neighbour)).rejects.toMatchObject({
    code: status.PERMISSION_DENIED,
  });
  await publish(
    'mediation.mediation.v1.MediationTransferred',
    mediationV1.MediationTransferred.fromPartial({
      context: context(caseId, NEIGHBOUR),
      fromCommittee: COMMITTEE,
      toCommittee: NEIGHBOUR,
    }),
    caseId,
  );
  const signed = await publish(
    'mediation.mediation.v1.AgreementSigned',
    mediationV1.AgreementSigned.fromPartial({
      context: context(caseId, NEIGHBOUR),
      partyId: applicant,
      method: ConsentMethod.CONSENT_METHOD_ONLINE,
    }),
    caseId,
  );
  await eventually(async () => ((await itemsOf(caseId)).length === 1 ? true : undefined), {
    what: 'the item',
  });
  expect((await allPages(neighbour, [caseId], 500)).map((i) => i.itemId)).toEqual([signed]);
  expect(await allPages(mediator(), [caseId], 500)).toEqual([]);
  await expect(h.call('listDeliveries', { caseId }, neighbour)).resolves.toBeDefined();
});
