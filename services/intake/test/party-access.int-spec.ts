import { status } from '@grpc/grpc-js';
import { devPrincipalTokens } from '@mediation/auth';
import { commonV1, intakeV1, MAX_DOCUMENT_BYTES } from '@mediation/contracts';
import { createGrpcClient, fieldViolations, type GrpcClient } from '@mediation/service-kit';
import { eventually, uniqueName } from '@mediation/testing';
import {
  attachRequest,
  COMMUNITY,
  failure,
  openCaseRequest,
  OTHER_COMMUNITY,
  party,
  partyPrincipal,
  principal,
  residentId,
  Role,
  startHarness,
  type Harness,
} from './intake-harness';

// A party (ROLE_PARTY) signed in to the party app with the mobile it proved: the gateway calls
// intake as `party:<id>` with that mobile. It lists and reads only the cases naming the mobile
// as a party's phone, sees its own party record in clear and the others masked, learns nothing
// of other cases, and may change nothing.

const { PartyRole } = commonV1;
const PHONE_A = '13812340001';
const PHONE_B = '13912340002';
const PHONE_C = '13712340003';

let h: Harness;
/** Signs as the gateway, the one issuer of party principals. */
let gateway: GrpcClient<'intake'>;

const mediator = (orgUnitCode = COMMUNITY) =>
  commonV1.Principal.fromPartial({
    ...principal(Role.ROLE_MEDIATOR, orgUnitCode),
    displayName: '调解员甲',
  });
const admin = commonV1.Principal.fromPartial({
  subject: uniqueName('admin'),
  roles: [Role.ROLE_ADMINISTRATOR],
});
const partyA = partyPrincipal(PHONE_A);
const partyB = partyPrincipal(PHONE_B);
const partyC = partyPrincipal(PHONE_C);

/** A's first case: A applies against a respondent with a landline. */
const first = openCaseRequest({
  orgUnitCode: COMMUNITY,
  parties: [
    party(PartyRole.PARTY_ROLE_APPLICANT, '张三丰', residentId(901), `+86 ${PHONE_A}`),
    party(PartyRole.PARTY_ROLE_RESPONDENT, '李四', residentId(903), '0411-82345678'),
  ],
});
/** A's second case, in another community: A is the respondent this time. */
const second = openCaseRequest({
  orgUnitCode: OTHER_COMMUNITY,
  parties: [
    party(PartyRole.PARTY_ROLE_APPLICANT, '王五', residentId(905), '13612340005'),
    party(PartyRole.PARTY_ROLE_RESPONDENT, '张三丰', residentId(901), PHONE_A),
  ],
});
/** B's case, A not on it. */
const third = openCaseRequest({
  orgUnitCode: COMMUNITY,
  parties: [
    party(PartyRole.PARTY_ROLE_APPLICANT, '赵六', residentId(907), PHONE_B),
    party(PartyRole.PARTY_ROLE_RESPONDENT, '钱七', residentId(909), '13512340009'),
  ],
});
const ids: Record<'first' | 'second' | 'third', string> = { first: '', second: '', third: '' };
const numbers: string[] = [];

beforeAll(async () => {
  h = await startHarness();
  gateway = createGrpcClient('intake', h.address, {
    signer: devPrincipalTokens('gateway').signer,
  });
  // One after the other: the list is newest first.
  for (const [name, req, unit] of [
    ['first', first, COMMUNITY],
    ['second', second, OTHER_COMMUNITY],
    ['third', third, COMMUNITY],
  ] as const) {
    const opened = await h.client.call('openCase', req, { principal: mediator(unit) });
    ids[name] = opened.case!.caseId;
    numbers.push(opened.case!.caseNumber);
  }
});
afterAll(async () => {
  gateway?.close();
  await h?.stop();
});

const listCases = (as: commonV1.Principal, r: Partial<intakeV1.ListCasesRequest> = {}) =>
  gateway.call('listCases', r, { principal: as });
const getCase = (as: commonV1.Principal, caseId: string) =>
  gateway.call('getCase', { caseId }, { principal: as }).then((r) => r.case!);

describe('a party’s cases', () => {
  it('are exactly the cases naming its phone, anywhere, newest first', async () => {
    const { cases, page } = await listCases(partyA);
    expect(cases.map((c) => c.caseId)).toEqual([ids.second, ids.first]);
    expect(page?.nextPageToken).toBe('');
    const onlyB = await listCases(partyB);
    expect(onlyB.cases.map((c) => c.caseId)).toEqual([ids.third]);
  });

  it('page as the staff’s lists do', async () => {
    const one = await listCases(partyA, { page: { pageSize: 1, pageToken: '' } });
    expect(one.cases.map((c) => c.caseId)).toEqual([ids.second]);
    const two = await listCases(partyA, {
      page: { pageSize: 1, pageToken: one.page!.nextPageToken },
    });
    expect(two.cases.map((c) => c.caseId)).toEqual([ids.first]);
    expect(two.page?.nextPageToken).toBe('');
  });

  it('may be narrowed by what the party sees of them, never widened', async () => {
    const here = await listCases(partyA, { orgUnitCode: OTHER_COMMUNITY });
    expect(here.cases.map((c) => c.caseId)).toEqual([ids.second]);
    // B's case by its own number: not A's, so not listed.
    const byNumber = await listCases(partyA, { caseNumber: numbers[2]! });
    expect(byNumber.cases).toEqual([]);
    const ownPhone = await listCases(partyA, { partyPhone: PHONE_A });
    expect(ownPhone.cases).toHaveLength(2);
  });

  it('refuses the searches for other people, naming the field and not the value', async () => {
    const e = await failure(
      listCases(partyA, {
        partyPhone: PHONE_B,
        partyName: '赵六',
        partyIdNumber: residentId(907),
      }),
    );
    expect(e?.code).toBe(status.INVALID_ARGUMENT);
    expect(fieldViolations(e!.metadata).map((v) => v.field)).toEqual([
      'party_name',
      'party_id_number',
      'party_phone',
    ]);
    expect(`${e?.details}${JSON.stringify(fieldViolations(e!.metadata))}`).not.toMatch(
      new RegExp(`${PHONE_B}|赵六|${residentId(907)}`),
    );
  });

  it('are none for a party whose phone no case names', async () => {
    expect((await listCases(partyC)).cases).toEqual([]);
  });
});

describe('a party reading a case', () => {
  it('sees its own party record in clear, the others by name with the rest masked', async () => {
    const seen = await getCase(partyA, ids.first);
    const [own, other] = seen.parties;
    expect(own).toMatchObject({
      name: '张三丰',
      idNumber: residentId(901),
      phone: PHONE_A,
      address: first.parties[0].address,
    });
    expect(other).toMatchObject({
      name: '李四',
      idNumberMasked: expect.stringMatching(/^2102\*+\w{4}$/),
      phoneMasked: '0411-****5678',
      addressMasked: expect.stringMatching(/\*{4}$/),
    });
    expect([other?.idNumber, other?.phone, other?.address]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    expect(JSON.stringify(other)).not.toMatch(new RegExp(`${residentId(903)}|82345678|12号楼`));
    expect(seen).toMatchObject({ caseNumber: numbers[0], description: first.description });

    // On the second case A is the respondent: still its own record in clear.
    const again = await getCase(partyA, ids.second);
    expect(again.parties.map((p) => [p.name, p.phone])).toEqual([
      ['王五', undefined],
      ['张三丰', PHONE_A],
    ]);
    expect(again.parties[0]?.phoneMasked).toBe('136****0005');
  });

  it('reads the timeline of its case too', async () => {
    // The case view records the opening shortly after OpenCase answered (through the relay and
    // the topic); the party may read it once it is there.
    const sources = await eventually(
      async () => {
        const { entries } = await gateway.call(
          'getCaseTimeline',
          { caseId: ids.first },
          { principal: partyA },
        );
        return entries.length > 0 ? entries.map((e) => e.source) : undefined;
      },
      { what: 'the opening in the timeline of the first case' },
    );
    expect(sources).toContain('intake');
  });

  it('is refused another’s case with no data, as a case out of scope is', async () => {
    for (const [who, caseId] of [
      [partyA, ids.third],
      [partyB, ids.first],
      [partyC, ids.first],
    ] as const) {
      for (const read of [
        () => getCase(who, caseId),
        () => gateway.call('getCaseTimeline', { caseId }, { principal: who }),
        () => gateway.call('listDocuments', { caseId }, { principal: who }),
      ]) {
        const e = await failure(read());
        expect(e?.code).toBe(status.PERMISSION_DENIED);
        expect(e?.details).not.toMatch(new RegExp(`调字第|赵六|张三丰|${PHONE_A}|${PHONE_B}`));
      }
    }
  });

  it('sees the documents of its case listed, their content withheld', async () => {
    const { document } = await h.client.call('attachDocument', attachRequest(ids.first), {
      principal: mediator(),
    });
    const listed = await gateway.call(
      'listDocuments',
      { caseId: ids.first },
      { principal: partyA },
    );
    expect(listed.documents.map((d) => [d.documentId, d.contentWithheld])).toEqual([
      [document!.documentId, true],
    ]);
    const e = await failure(
      gateway.call(
        'getDocument',
        { caseId: ids.first, documentId: document!.documentId },
        { principal: partyA },
      ),
    );
    expect(e?.code).toBe(status.PERMISSION_DENIED);
  });

  it('is in the read audit, why "party"', async () => {
    const { entries } = await h.client.call(
      'listReadAudit',
      { readerSubject: partyA.subject },
      { principal: admin },
    );
    // Its two reads so far (the refused ones are not reads), in either order within a moment.
    expect(entries.map((e) => [e.what, e.caseId, e.why]).sort()).toEqual(
      [
        ['GetCase', ids.first, 'party'],
        ['GetCase', ids.second, 'party'],
      ].sort(),
    );
    expect(entries[0]?.reader).toMatchObject({ subject: partyA.subject, role: Role.ROLE_PARTY });
  });
});

describe('a party', () => {
  it('opens its own online application only: nothing a walk-in or someone else’s', async () => {
    const applicant = partyPrincipal('13712340088');
    const own = (phone: string) =>
      openCaseRequest({
        orgUnitCode: COMMUNITY,
        channel: commonV1.Channel.CHANNEL_ONLINE,
        platformLevel: commonV1.PlatformLevel.PLATFORM_LEVEL_UNSPECIFIED,
        risk: undefined,
        parties: [
          party(PartyRole.PARTY_ROLE_APPLICANT, '孙八', residentId(911), phone),
          party(PartyRole.PARTY_ROLE_RESPONDENT, '周九', residentId(913), '13412340011'),
        ],
      });
    // A walk-in registration (platform, risk) is the staff's; an applicant with another phone is
    // not this party's application.
    const walkIn = await failure(
      gateway.call('openCase', openCaseRequest({ orgUnitCode: COMMUNITY }), {
        principal: applicant,
      }),
    );
    expect(walkIn?.code).toBe(status.INVALID_ARGUMENT);
    expect(walkIn?.details).toMatch(/channel.*platform_level.*risk.*parties/s);
    const someoneElse = await failure(
      gateway.call('openCase', own('13712340099'), { principal: applicant }),
    );
    expect(someoneElse?.code).toBe(status.INVALID_ARGUMENT);
    expect(someoneElse?.details).toContain('parties: one applicant must have the mobile');
    expect((await listCases(applicant)).cases).toHaveLength(0);

    const opened = await gateway.call('openCase', own('137 1234 0088'), { principal: applicant });
    expect(opened.case).toMatchObject({
      channel: commonV1.Channel.CHANNEL_ONLINE,
      committee: { code: `MC-${COMMUNITY}` },
      registeredBy: { subject: applicant.subject, role: Role.ROLE_PARTY },
    });
    expect((await listCases(applicant)).cases.map((c) => c.caseId)).toEqual([opened.case!.caseId]);
    // Someone else's phone sees nothing of it.
    expect((await listCases(partyC)).cases).toHaveLength(0);
  });

  it('adds evidence to its own case only, within the limits', async () => {
    const evidence = (caseId: string, over: Partial<intakeV1.AttachDocumentRequest> = {}) =>
      gateway.call(
        'attachDocument',
        {
          caseId,
          kind: intakeV1.DocumentKind.DOCUMENT_KIND_EVIDENCE,
          fileName: '漏水照片.pdf',
          contentType: 'application/pdf',
          content: Buffer.from('%PDF-1.4\n%%EOF\n'),
          description: '',
          idempotencyKey: uniqueName('doc'),
          ...over,
        },
        { principal: partyA },
      );
    const added = await evidence(ids.first);
    expect(added.document).toMatchObject({
      kind: intakeV1.DocumentKind.DOCUMENT_KIND_EVIDENCE,
      attachedBy: { subject: partyA.subject, role: Role.ROLE_PARTY },
    });
    expect((await failure(evidence(ids.third)))?.code).toBe(status.PERMISSION_DENIED);
    const identity = await failure(
      evidence(ids.first, { kind: intakeV1.DocumentKind.DOCUMENT_KIND_IDENTITY_DOCUMENT }),
    );
    expect(identity?.code).toBe(status.INVALID_ARGUMENT);
    const tooLarge = await failure(
      evidence(ids.first, { content: Buffer.alloc(MAX_DOCUMENT_BYTES + 1, 0x25) }),
    );
    expect(tooLarge?.code).toBe(status.INVALID_ARGUMENT);
    // Only the one added: the refused ones wrote nothing.
    const listed = await gateway.call(
      'listDocuments',
      { caseId: ids.first },
      { principal: partyA },
    );
    expect(listed.documents.filter((d) => d.attachedBy?.subject === partyA.subject)).toHaveLength(
      1,
    );
  });

  it('may change nothing of its own case, nor call what the staff and services call', async () => {
    const caseId = ids.first;
    const { version, parties } = await getCase(partyA, caseId);
    for (const attempt of [
      () =>
        gateway.call(
          'amendCase',
          { caseId, expectedVersion: version, reason: '更正', changes: { description: '改' } },
          { principal: partyA },
        ),
      () =>
        gateway.call(
          'withdrawCase',
          { caseId, expectedVersion: version, reason: '已和解', partyId: parties[0]!.partyId },
          { principal: partyA },
        ),
      () =>
        gateway.call(
          'getPartyContacts',
          { caseId, partyIds: [], purpose: 'notice:x' },
          { principal: partyA },
        ),
      () => gateway.call('rebuildCaseViews', {}, { principal: partyA }),
      () => gateway.call('listReadAudit', { readerSubject: partyA.subject }, { principal: partyA }),
    ]) {
      const e = await failure(attempt());
      expect(e?.code).toBe(status.PERMISSION_DENIED);
    }
    expect((await getCase(partyA, caseId)).version).toBe(version);
  });

  it('is believed from the gateway only, with its mobile and no other role', async () => {
    // The operator's tools sign staff, never a party.
    const e = await failure(h.client.call('listCases', {}, { principal: partyA }));
    expect(e?.code).toBe(status.UNAUTHENTICATED);
    for (const forged of [
      { ...partyA, roles: [Role.ROLE_PARTY, Role.ROLE_ADMINISTRATOR] },
      { ...partyA, partyPhone: '' },
      { ...partyA, partyPhone: '0411-82345678' },
      { ...mediator(), partyPhone: PHONE_A },
    ])
      expect((await failure(listCases(forged)))?.code).toBe(status.UNAUTHENTICATED);
  });
});
