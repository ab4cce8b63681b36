import { status } from '@grpc/grpc-js';
import { devPrincipalSigner } from '@mediation/auth';
import { commonV1, GRPC_RETRY_SAFETY, mediationV1, referralV1 } from '@mediation/contracts';
import type { GrpcServiceKey } from '@mediation/contracts';
import { eventually } from '@mediation/testing';
import { createGrpcClient } from '@mediation/service-kit';
import { Platform } from '@mediation/test-platform';
import { principals, reasoningPoint, type Principal } from '../src/actors';
import { CROSSING_MS, grpcCode, Mediations, walkInAtPoint } from '../src/journey';

// A command whose answer was lost (a timeout, a dropped connection) is sent again by its client
// at the version the client last read. If the first attempt took effect, that version is now
// stale: every command that carries an expected version (GRPC_RETRY_SAFETY's 'expected-version',
// so a new command is covered without touching this file) must refuse the repeat with ABORTED
// and change nothing. The real intake, mediation and referral services as processes, one
// aggregate of each kind moved past its first version by real commands. Statistics' one such
// command, AcknowledgeAlert, is checked where its alert is raised (early-warning.int-spec.ts).
const M = mediationV1;
const place = reasoningPoint(0);
const volunteer = principals.volunteer(place.point.code);
const mediator = principals.mediator(place.committees.community);
const lawyer = principals.lawyer(place.court.desk);
const admin = principals.administrator();
/** A party of the case, as the gateway asserts one after the party proved its phone. */
const party = commonV1.Principal.fromPartial({
  subject: 'party:stale-version',
  roles: [commonV1.Role.ROLE_PARTY],
  partyPhone: '13900000001',
});
/** The commands only a party gives itself (the party app's, through the gateway). */
const PARTY_COMMANDS = new Set(['signAgreement', 'respondToSession']);

/** The services whose every versioned command is sent here. */
type Checked = Extract<GrpcServiceKey, 'intake' | 'mediation' | 'referral'>;
const CHECKED: Checked[] = ['intake', 'mediation', 'referral'];
const versioned = (service: Checked) =>
  Object.entries(GRPC_RETRY_SAFETY[service])
    .filter(([, safety]) => safety === 'expected-version')
    .map(([method]) => method);

/** Calls by name: the methods come from the table, not from the code. */
interface AnyClient {
  call(method: string, request: object, options: { principal: Principal }): Promise<unknown>;
}

/** One aggregate a command acts on: its id field, who may act on it, its version now. */
interface Target {
  request: Record<string, string>;
  as: Principal;
  version(): Promise<number>;
}

let platform: Platform;
const targets = new Map<string, Target>();

beforeAll(async () => {
  platform = await Platform.start({ name: 'e2e-stale' });
  const mediations = new Mediations(platform);
  const client = <S extends Checked>(s: S) => platform.client(s);

  // A case, amended once (version 2), and its mediation accepted by the community committee.
  const opened = await client('intake').call('openCase', walkInAtPoint(place.point.code), {
    principal: volunteer,
  });
  const caseId = opened.case!.caseId;
  await client('intake').call(
    'amendCase',
    {
      caseId,
      expectedVersion: opened.case!.version,
      reason: '更正纠纷描述',
      changes: { description: '楼上卫生间漏水，已持续一周' },
    },
    { principal: volunteer },
  );
  const caseVersion = async () =>
    Number(
      (await client('intake').call('getCase', { caseId }, { principal: volunteer })).case!.version,
    );
  targets.set('intake', { request: { caseId }, as: volunteer, version: caseVersion });

  await mediations.created(caseId);
  await mediations.act('escalate', volunteer, caseId, {
    reason: M.EscalationReason.ESCALATION_REASON_COMPLEXITY,
  });
  await mediations.act('accept', mediator, caseId);
  const mediationVersion = async () => Number((await mediations.get(caseId)).version);
  // A party acts for one of its own party ids on the case.
  const partyId = (await mediations.get(caseId)).parties[0]!.partyId;
  targets.set('mediation.party', {
    request: { mediationId: caseId, partyId },
    as: party,
    version: mediationVersion,
  });
  targets.set('mediation', {
    request: { mediationId: caseId },
    as: mediator,
    version: mediationVersion,
  });

  // The community committee's roster, written twice (absent before: version 0).
  const rosterVersion = async () =>
    Number(
      (
        await client('mediation').call(
          'getCommitteeRoster',
          { committeeCode: place.committees.community.id },
          { principal: admin },
        )
      ).roster?.version ?? 0,
    );
  for (const member of ['m-stale-1', 'm-stale-2'])
    await client('mediation').call(
      'setRosterMember',
      {
        committeeCode: place.committees.community.id,
        expectedVersion: String(await rosterVersion()),
        memberId: member,
        name: '调解员',
        gender: M.Gender.GENDER_FEMALE,
        role: M.CommitteeMemberRole.COMMITTEE_MEMBER_ROLE_MEMBER,
      },
      { principal: admin },
    );
  targets.set('mediation.roster', {
    request: { committeeCode: place.committees.community.id, memberId: 'm-stale-1' },
    as: admin,
    version: rosterVersion,
  });

  // The court desk's staff, assigned twice.
  const deskVersion = async () =>
    Number(
      (
        await client('referral').call(
          'listDeskStaff',
          { deskCode: place.court.desk.id },
          { principal: admin },
        )
      ).desk!.version,
    );
  for (let i = 0; i < 2; i++)
    await client('referral').call(
      'assignDeskStaff',
      {
        deskCode: place.court.desk.id,
        expectedVersion: String(await deskVersion()),
        staff: [
          {
            lawyerId: lawyer.subject,
            displayName: '驻点律师',
            role: referralV1.DeskStaffRole.DESK_STAFF_ROLE_LAWYER,
          },
        ],
      },
      { principal: admin },
    );
  targets.set('referral.desk', {
    request: { deskCode: place.court.desk.id },
    as: admin,
    version: deskVersion,
  });

  // A second case fails to the court's desk, whose lawyer claims the referral (version 2).
  const second = await client('intake').call('openCase', walkInAtPoint(place.point.code), {
    principal: volunteer,
  });
  const failedId = second.case!.caseId;
  await mediations.created(failedId);
  await mediations.act('escalate', volunteer, failedId, {
    reason: M.EscalationReason.ESCALATION_REASON_COMPLEXITY,
  });
  await mediations.act('accept', mediator, failedId);
  await mediations.act('fail', mediator, failedId, {
    reason: M.FailureReason.FAILURE_REASON_NO_CONSENSUS,
    remediesTold: [commonV1.Remedy.REMEDY_LITIGATION],
    referralRequest: {
      institutionType: commonV1.InstitutionType.INSTITUTION_TYPE_COURT,
      deskCode: place.court.desk.id,
      remedy: commonV1.Remedy.REMEDY_LITIGATION,
      summary: '调解不成，当事人选择诉讼',
    },
  });
  const pending = await eventually(
    async () =>
      (
        await client('referral').call(
          'listInbox',
          {
            deskCode: place.court.desk.id,
            filter: referralV1.InboxFilter.INBOX_FILTER_PENDING,
          },
          { principal: lawyer },
        )
      ).referrals.find((r) => r.caseId === failedId),
    { timeoutMs: CROSSING_MS, what: 'the referral in the court desk’s inbox' },
  );
  await client('referral').call(
    'claim',
    { referralId: pending.referralId, expectedVersion: pending.version },
    { principal: lawyer },
  );
  targets.set('referral', {
    request: { referralId: pending.referralId },
    as: lawyer,
    version: async () =>
      Number(
        (
          await client('referral').call(
            'getReferral',
            { referralId: pending.referralId },
            { principal: lawyer },
          )
        ).referral!.version,
      ),
  });
}, 240_000);
const clients: Array<{ close(): void }> = [];
afterAll(async () => {
  for (const client of clients) client.close();
  await platform?.stop();
}, 60_000);

/** Which aggregate a versioned command acts on. */
const targetOf = (service: Checked, method: string) =>
  service === 'mediation' && /RosterMember$/.test(method)
    ? 'mediation.roster'
    : service === 'mediation' && PARTY_COMMANDS.has(method)
      ? 'mediation.party'
      : service === 'referral' && method === 'assignDeskStaff'
        ? 'referral.desk'
        : service;

describe.each(CHECKED)('%s', (service) => {
  it.each(versioned(service))(
    '%s at the version before the last answers ABORTED and changes nothing',
    async (method) =>
      platform.journey(async () => {
        const target = targets.get(targetOf(service, method))!;
        const before = await target.version();
        expect(before).toBeGreaterThan(1);
        // Signed as the real caller would: a party by the gateway's key, staff by the operator's.
        const client = createGrpcClient(service, platform.addresses[service], {
          signer: devPrincipalSigner(),
        }) as unknown as AnyClient & { close(): void };
        clients.push(client);
        const repeat = client.call(
          method,
          { ...target.request, expectedVersion: String(before - 1) },
          { principal: target.as },
        );
        expect(await grpcCode(repeat)).toBe(status.ABORTED);
        expect(await target.version()).toBe(before);
      }),
    60_000,
  );
});
