import { createHash, randomUUID } from 'node:crypto';
import { status } from '@grpc/grpc-js';
import { devPrincipalTokens } from '@mediation/auth';
import { commonV1, intakeV1 } from '@mediation/contracts';
import { createGrpcClient, fieldViolations, type GrpcClient } from '@mediation/service-kit';
import { uniqueName } from '@mediation/testing';
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

// Downloads another service serves (the mediation service's 调解协议书 and case file) are in
// intake's read audit: RecordDownload checks the reader by GetCase's rule and writes the entry
// the caller waits for before it sends the content. A refused or malformed call writes nothing.
// A party also downloads the evidence it added itself, and nothing else of its case.

const { PartyRole, Role: R } = commonV1;
const { ServedDocument } = intakeV1;
const PHONE = '13812347001';

let h: Harness;
/** Signs as the gateway, the one issuer of party principals. */
let gateway: GrpcClient<'intake'>;
let caseId: string;
let caseNumber: string;

const mediator = commonV1.Principal.fromPartial({
  ...principal(Role.ROLE_MEDIATOR, COMMUNITY),
  displayName: '调解员甲',
});
const outsider = principal(Role.ROLE_MEDIATOR, OTHER_COMMUNITY);
const admin = commonV1.Principal.fromPartial({
  subject: uniqueName('admin'),
  roles: [R.ROLE_ADMINISTRATOR],
});
const applicant = partyPrincipal(PHONE);
const stranger = partyPrincipal('13912347002');

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const PDF_SHA = sha('调解协议书');
const record = (as: commonV1.Principal, over: Partial<intakeV1.RecordDownloadRequest> = {}) =>
  gateway.call(
    'recordDownload',
    { caseId, document: ServedDocument.SERVED_DOCUMENT_AGREEMENT, sha256: PDF_SHA, ...over },
    { principal: as },
  );
const auditOfCase = async () =>
  (await h.client.call('listReadAudit', { caseId }, { principal: admin })).entries;

beforeAll(async () => {
  h = await startHarness();
  gateway = createGrpcClient('intake', h.address, {
    signer: devPrincipalTokens('gateway').signer,
  });
  const opened = await h.client.call(
    'openCase',
    openCaseRequest({
      orgUnitCode: COMMUNITY,
      parties: [
        party(PartyRole.PARTY_ROLE_APPLICANT, '张三丰', residentId(951), PHONE),
        party(PartyRole.PARTY_ROLE_RESPONDENT, '李四', residentId(953), '0411-82345678'),
      ],
    }),
    { principal: mediator },
  );
  caseId = opened.case!.caseId;
  caseNumber = opened.case!.caseNumber;
});
afterAll(async () => {
  gateway?.close();
  await h?.stop();
});

describe('RecordDownload', () => {
  it('writes the staff reader’s download of the agreement, why "scope", with its checksum', async () => {
    const { entry } = await record(mediator);
    expect(entry).toMatchObject({
      caseId,
      caseNumber,
      what: 'GetAgreementDocument',
      why: 'scope',
      sha256: PDF_SHA,
      documentId: '',
      reader: { subject: mediator.subject, role: R.ROLE_MEDIATOR, displayName: '调解员甲' },
    });
    const listed = await auditOfCase();
    expect(listed.map((e) => e.entryId)).toContain(entry!.entryId);
  });

  it('writes the case file too, and a party’s download of its agreement as "party"', async () => {
    const caseFile = await record(mediator, {
      document: ServedDocument.SERVED_DOCUMENT_CASE_FILE,
      sha256: sha('卷宗'),
    });
    expect(caseFile.entry).toMatchObject({ what: 'ExportCaseFile', sha256: sha('卷宗') });
    const own = await record(applicant);
    expect(own.entry).toMatchObject({
      what: 'GetAgreementDocument',
      why: 'party',
      reader: { subject: applicant.subject, role: R.ROLE_PARTY },
    });
  });

  it('refuses readers who may not read the case, and writes nothing', async () => {
    const before = await auditOfCase();
    for (const as of [outsider, stranger]) {
      const e = await failure(record(as));
      expect(e?.code).toBe(status.PERMISSION_DENIED);
      // No word of the case in the refusal.
      expect(e?.details).not.toContain(caseNumber);
    }
    const missing = await failure(record(mediator, { caseId: randomUUID() }));
    expect(missing?.code).toBe(status.NOT_FOUND);
    expect(await auditOfCase()).toHaveLength(before.length);
  });

  it('names the bad field of a malformed request, and writes nothing', async () => {
    const before = await auditOfCase();
    for (const [over, field] of [
      [{ caseId: '' }, 'case_id'],
      [{ document: ServedDocument.SERVED_DOCUMENT_UNSPECIFIED }, 'document'],
      [{ sha256: 'abc' }, 'sha256'],
      [{ sha256: PDF_SHA.toUpperCase() }, 'sha256'],
    ] as const) {
      const e = await failure(record(mediator, over));
      expect(e?.code).toBe(status.INVALID_ARGUMENT);
      expect(fieldViolations(e?.metadata).map((v) => v.field)).toEqual([field]);
    }
    expect(await auditOfCase()).toHaveLength(before.length);
  });
});

describe('a party downloading from intake', () => {
  it('gets the evidence it added itself, audited, and no one else’s document', async () => {
    const content = Buffer.from('%PDF-1.4\n% 漏水照片\n%%EOF\n');
    const added = await gateway.call(
      'attachDocument',
      attachRequest(caseId, {
        kind: intakeV1.DocumentKind.DOCUMENT_KIND_EVIDENCE,
        fileName: '漏水照片.pdf',
        content,
        idempotencyKey: uniqueName('doc'),
      }),
      { principal: applicant },
    );
    const staffs = await h.client.call('attachDocument', attachRequest(caseId), {
      principal: mediator,
    });
    const ownId = added.document!.documentId;
    const listed = await gateway.call('listDocuments', { caseId }, { principal: applicant });
    expect(
      listed.documents
        .map((d) => [d.documentId, d.contentWithheld])
        .sort((a, b) => (a < b ? -1 : 1)),
    ).toEqual(
      [
        [ownId, false],
        [staffs.document!.documentId, true],
      ].sort((a, b) => (a < b ? -1 : 1)),
    );
    const got = await gateway.call(
      'getDocument',
      { caseId, documentId: ownId },
      { principal: applicant },
    );
    expect(Buffer.from(got.content).equals(content)).toBe(true);
    const refused = await failure(
      gateway.call(
        'getDocument',
        { caseId, documentId: staffs.document!.documentId },
        { principal: applicant },
      ),
    );
    expect(refused?.code).toBe(status.PERMISSION_DENIED);
    const entries = (
      await h.client.call(
        'listReadAudit',
        { readerSubject: applicant.subject },
        { principal: admin },
      )
    ).entries;
    expect(entries.filter((e) => e.what === 'GetDocument').map((e) => e.documentId)).toEqual([
      ownId,
    ]);
  });
});
