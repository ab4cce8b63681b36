import { status } from '@grpc/grpc-js';
import { commonV1, intakeV1, toTimestamp } from '@mediation/contracts';
import { orgDirectory } from '@mediation/org-directory';
import { fieldViolations } from '@mediation/service-kit';
import {
  COMMUNITY,
  failure,
  openCaseRequest,
  party,
  POINT,
  principal,
  residentId,
  Role,
  startHarness,
  type Harness,
} from './intake-harness';
import { givenNoProgress, givenProgress } from './case-view-given';

// ListCases as a search: a person's earlier cases through the keyed hashes of their phone or ID
// number, from every channel but only inside the caller's scope; case number parts, name
// prefixes, the case view's fields, combined filters and paging.

let h: Harness;
const { Channel, PartyRole } = commonV1;
const { CaseStatus } = intakeV1;
const directory = orgDirectory();
const otherDistrictCommunity = directory
  .units('COMMUNITY')
  .find((u) => u.active && directory.districtOf(u.code)?.code !== '210202')!;

const volunteer = principal(Role.ROLE_VOLUNTEER, POINT);
const mediator = principal(Role.ROLE_MEDIATOR, COMMUNITY);
const cityOperator = principal(Role.ROLE_COMMITTEE_ADMIN, directory.city.code); // 12348, city level
const otherDistrict = principal(
  Role.ROLE_MEDIATOR,
  directory.districtOf(otherDistrictCommunity.code)!.code,
);

const PERSON = { name: '欧阳明华', id: residentId(731, '19750312'), phone: '13987651234' };
let personCases: string[] = [];

const open = (req: intakeV1.OpenCaseRequest, as = volunteer) =>
  h.client.call('openCase', req, { principal: as }).then((r) => r.case!);
const list = (req: Partial<intakeV1.ListCasesRequest>, as = cityOperator) =>
  h.client.call('listCases', req, { principal: as });
const ids = async (req: Partial<intakeV1.ListCasesRequest>, as = cityOperator) =>
  (await list(req, as)).cases.map((c) => c.caseId);

/** A case with PERSON as the applicant (a fresh respondent each time, so no duplicate links). */
const personCase = (over: Partial<intakeV1.OpenCaseRequest>, as: commonV1.Principal) => {
  const req = openCaseRequest(over);
  req.parties[0] = party(PartyRole.PARTY_ROLE_APPLICANT, PERSON.name, PERSON.id, PERSON.phone);
  return open(req, as);
};

beforeAll(async () => {
  h = await startHarness();
  const walkIn = await personCase({}, volunteer);
  const hotline = await personCase(
    { channel: Channel.CHANNEL_HOTLINE_12348, platformLevel: 0, orgUnitCode: COMMUNITY },
    cityOperator,
  );
  const online = await personCase(
    { channel: Channel.CHANNEL_ONLINE, platformLevel: 0, orgUnitCode: COMMUNITY },
    mediator,
  );
  personCases = [online.caseId, hotline.caseId, walkIn.caseId]; // newest first
  // Others' cases, in the district and elsewhere.
  await open(openCaseRequest());
  await open(openCaseRequest({ orgUnitCode: otherDistrictCommunity.code }), otherDistrict);
});
afterAll(() => h?.stop());

describe('has this person had a case before?', () => {
  it('finds their cases from every channel by phone and by ID number, in one call each', async () => {
    expect(await ids({ partyPhone: PERSON.phone })).toEqual(personCases);
    expect(await ids({ partyPhone: '+86 139 8765 1234' })).toEqual(personCases);
    expect(await ids({ partyIdNumber: PERSON.id })).toEqual(personCases);
    const found = await list({ partyIdNumber: PERSON.id });
    expect(found.cases.map((c) => c.channel).sort()).toEqual([
      Channel.CHANNEL_WALK_IN,
      Channel.CHANNEL_HOTLINE_12348,
      Channel.CHANNEL_ONLINE,
    ]);
    // Summaries carry no personal data.
    expect(JSON.stringify(found)).not.toMatch(/欧阳|13987651234|5123|1975031/);
  });

  it('stays inside the caller’s scope: the reasoning point its own, another district none', async () => {
    const [online, hotline, walkIn] = personCases;
    expect(await ids({ partyPhone: PERSON.phone }, mediator)).toEqual([online, hotline, walkIn]);
    expect(await ids({ partyPhone: PERSON.phone }, volunteer)).toEqual([walkIn]);
    expect(await ids({ partyIdNumber: PERSON.id }, otherDistrict)).toEqual([]);
    expect((await list({}, otherDistrict)).cases).toHaveLength(1);
  });

  it('matches nobody on another number, and refuses bad formats by field', async () => {
    expect(await ids({ partyPhone: '13987651235' })).toEqual([]);
    const bad = await failure(list({ partyPhone: '139876', partyIdNumber: '21020219750312731' }));
    expect(bad?.code).toBe(status.INVALID_ARGUMENT);
    expect(fieldViolations(bad!.metadata).map((v) => v.field)).toEqual([
      'party_phone',
      'party_id_number',
    ]);
    expect(bad!.details + JSON.stringify(fieldViolations(bad!.metadata))).not.toMatch(
      /139876|2102021975/,
    );
  });

  it('never stores a searched phone or ID number', async () => {
    await list({ partyPhone: '13700000000' });
    const names = (await h.db.db!.listCollections().toArray()).map((c) => c.name);
    for (const name of names) {
      const text = JSON.stringify(await h.db.collection(name).find({}).toArray());
      expect([name, text.includes('13700000000')]).toEqual([name, false]);
    }
  });
});

describe('search by case number and name', () => {
  it('finds a case by its full number and by a part of it, literally', async () => {
    const opened = await open(openCaseRequest());
    expect(await ids({ caseNumber: opened.caseNumber })).toEqual([opened.caseId]);
    const seq = /第(\d{5})号/.exec(opened.caseNumber)![1];
    const part = await list({ caseNumber: `${seq}号` });
    expect(part.cases.map((c) => c.caseId)).toContain(opened.caseId);
    for (const c of part.cases) expect(c.caseNumber).toContain(`${seq}号`);
    // A pattern is matched as the characters it is.
    expect(await ids({ caseNumber: '.*.*' })).toEqual([]);
    expect(await ids({ caseNumber: '（20[0-9][0-9]）' })).toEqual([]);
    const short = await failure(list({ caseNumber: '042' }));
    expect(fieldViolations(short!.metadata).map((v) => v.field)).toEqual(['case_number']);
  });

  it('finds parties by their full name or its first characters', async () => {
    expect(await ids({ partyName: PERSON.name })).toEqual(personCases);
    expect(await ids({ partyName: '欧阳' })).toEqual(personCases);
    expect(await ids({ partyName: '阳明' })).toEqual([]); // a prefix, not any part
    expect(await ids({ partyName: '欧阳.*' })).toEqual([]);
  });

  it('finds a party by the name an amendment gave, no longer by the one it replaced', async () => {
    const req = openCaseRequest();
    req.parties[0] = party(
      PartyRole.PARTY_ROLE_APPLICANT,
      '司马光远',
      residentId(512, '19800101'),
      '13911112222',
    );
    const opened = await open(req);
    expect(await ids({ partyName: '司马光' })).toEqual([opened.caseId]);
    await h.client.call(
      'amendCase',
      {
        caseId: opened.caseId,
        expectedVersion: opened.version,
        reason: '申请人姓名登记错误',
        changes: {
          parties: {
            parties: req.parties.map((p, i) => ({
              ...p,
              partyId: opened.parties[i].partyId,
              name: i === 0 ? '诸葛明远' : p.name,
            })),
          },
        },
      },
      { principal: volunteer },
    );
    expect(await ids({ partyName: '司马光' })).toEqual([]);
    expect(await ids({ partyName: '诸葛明远' })).toEqual([opened.caseId]);
  });

  it('combines filters, and pages a search without repeats', async () => {
    const wang: string[] = []; // newest first
    const contracts: string[] = [];
    for (let i = 0; i < 7; i++) {
      const req = openCaseRequest({
        category:
          i % 2
            ? commonV1.DisputeCategory.DISPUTE_CATEGORY_CONTRACT
            : commonV1.DisputeCategory.DISPUTE_CATEGORY_NEIGHBOUR,
      });
      req.parties[1] = party(PartyRole.PARTY_ROLE_RESPONDENT, `王五${i}`, residentId(800 + i), '');
      const { caseId } = await open(req);
      wang.unshift(caseId);
      if (i % 2) contracts.unshift(caseId);
    }
    expect(
      await ids({
        partyName: '王五',
        categories: [commonV1.DisputeCategory.DISPUTE_CATEGORY_CONTRACT],
      }),
    ).toEqual(contracts);
    expect(await ids({ partyName: '王五', channels: [Channel.CHANNEL_HOTLINE_12348] })).toEqual([]);
    expect(await ids({ partyName: '王五', partyPhone: PERSON.phone })).toEqual([]);

    const seen: string[] = [];
    let pageToken = '';
    do {
      const page = await list({ partyName: '王五', page: { pageSize: 3, pageToken } }, mediator);
      expect(page.cases.length).toBeLessThanOrEqual(3);
      seen.push(...page.cases.map((c) => c.caseId));
      pageToken = page.page!.nextPageToken;
    } while (pageToken);
    expect(seen).toEqual(wang);
  });
});

describe('the case view’s fields', () => {
  const past = new Date(Date.now() - 86_400_000);
  const future = new Date(Date.now() + 86_400_000);
  let referred: string;
  let mediated: string;
  let fresh: string;
  let closed: string;

  // The view's consumer fills `progress` from the events; here its fields are the given state.
  const setProgress = (caseId: string, progress: Record<string, unknown>) =>
    givenProgress(h, caseId, progress);

  beforeAll(async () => {
    const tag = { category: commonV1.DisputeCategory.DISPUTE_CATEGORY_LABOUR };
    referred = (await open(openCaseRequest(tag))).caseId;
    mediated = (await open(openCaseRequest(tag))).caseId;
    fresh = (await open(openCaseRequest(tag))).caseId;
    closed = (await open(openCaseRequest(tag))).caseId;
    // Ended with a deadline left behind: not overdue, as the case view shows it.
    await setProgress(closed, { status: CaseStatus.CASE_STATUS_CLOSED, nextDeadlineAt: past });
    await givenNoProgress(h, fresh);
    await setProgress(referred, {
      status: CaseStatus.CASE_STATUS_REFERRED_OUT,
      holder: { code: 'MC-210202002001', orgUnitCode: COMMUNITY, level: 4 },
      mediatorIds: ['mediator-a'],
      nextDeadlineAt: past,
      referrals: [],
    });
    await setProgress(mediated, {
      status: CaseStatus.CASE_STATUS_IN_MEDIATION,
      holder: { code: POINT, orgUnitCode: POINT, level: 5 },
      mediatorIds: ['mediator-a', mediator.subject],
      nextDeadlineAt: future,
      referrals: [],
    });
  });

  const labour = { categories: [commonV1.DisputeCategory.DISPUTE_CATEGORY_LABOUR] };

  it('filters on the life status, a case without a view counting with intake’s', async () => {
    expect(await ids({ ...labour, statuses: [CaseStatus.CASE_STATUS_REFERRED_OUT] })).toEqual([
      referred,
    ]);
    expect(await ids({ ...labour, statuses: [CaseStatus.CASE_STATUS_REGISTERED] })).toEqual([
      fresh,
    ]);
    expect(
      await ids({
        ...labour,
        statuses: [CaseStatus.CASE_STATUS_REGISTERED, CaseStatus.CASE_STATUS_IN_MEDIATION],
      }),
    ).toEqual([fresh, mediated]);
    // Intake still says REGISTERED; the life status says CLOSED and wins.
    expect(await ids({ ...labour, statuses: [CaseStatus.CASE_STATUS_CLOSED] })).toEqual([closed]);
  });

  it('filters on the holder, a mediator (me) and overdue deadlines', async () => {
    expect(await ids({ ...labour, holderCommitteeCode: 'MC-210202002001' })).toEqual([referred]);
    expect(await ids({ ...labour, holderCommitteeCode: POINT })).toEqual([mediated]);
    expect(await ids({ ...labour, mediatorId: 'mediator-a' })).toEqual([mediated, referred]);
    expect(await ids({ ...labour, mediatorId: 'me' }, mediator)).toEqual([mediated]);
    expect(await ids({ ...labour, overdueOnly: true })).toEqual([referred]);
    expect(
      await ids({
        ...labour,
        mediatorId: 'mediator-a',
        overdueOnly: true,
        registered: {
          startTime: toTimestamp(new Date(Date.now() - 3_600_000)),
          endTime: null,
        },
      }),
    ).toEqual([referred]);
  });
});
