import { status } from '@grpc/grpc-js';
import {
  intakeV1,
  MAX_DOCUMENT_BYTES,
  type GrpcInput,
  type GrpcRequestOf,
  type UnaryMethodName,
} from '@mediation/contracts';
import { fieldViolations } from '@mediation/service-kit';
import { createHash, randomBytes } from 'node:crypto';
import {
  COMMUNITY,
  failure,
  openCaseRequest,
  OTHER_COMMUNITY,
  principal,
  Role,
  startHarness,
  type Harness,
} from './intake-harness';

// Document records with their content on local disk behind DocumentStore.

let h: Harness;
let caseId: string;
const mediator = principal(Role.ROLE_MEDIATOR, COMMUNITY);
const call = <M extends UnaryMethodName<'intake'>>(
  rpc: M,
  req: GrpcInput<GrpcRequestOf<'intake', M>>,
  as = mediator,
) => h.client.call(rpc, req, { principal: as });

beforeAll(async () => {
  h = await startHarness();
  const opened = await call('openCase', openCaseRequest({ orgUnitCode: COMMUNITY }));
  caseId = opened.case!.caseId;
});
afterAll(() => h?.stop());

const PDF = Buffer.from('%PDF-1.4\n%%EOF\n');

const attach = (content: Buffer, over: Partial<intakeV1.AttachDocumentRequest> = {}) =>
  call('attachDocument', {
    caseId,
    kind: intakeV1.DocumentKind.DOCUMENT_KIND_APPLICATION_FORM,
    fileName: '调解申请书.pdf',
    contentType: 'application/pdf',
    content,
    description: '',
    idempotencyKey: '',
    ...over,
  });

it('stores content and its record, lists and returns it byte for byte', async () => {
  // A PDF: the content must be of its declared type (magic bytes).
  const content = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(200_000)]);
  const { document } = await attach(content, { idempotencyKey: 'form-1' });
  expect(document).toMatchObject({
    caseId,
    sizeBytes: String(content.length),
    sha256: createHash('sha256').update(content).digest('hex'),
  });
  const again = await attach(content, { idempotencyKey: 'form-1' });
  expect(again.document!.documentId).toBe(document!.documentId);
  // The same key with other content or another name is refused, not answered with the first.
  for (const other of [
    () => attach(PDF, { idempotencyKey: 'form-1' }),
    () => attach(content, { idempotencyKey: 'form-1', fileName: '另一份.pdf' }),
  ]) {
    const reused = await failure(other());
    expect(reused?.code).toBe(status.ALREADY_EXISTS);
    expect(fieldViolations(reused!.metadata).map((v) => v.field)).toEqual(['idempotency_key']);
  }
  await attach(Buffer.from('证据清单'), {
    kind: intakeV1.DocumentKind.DOCUMENT_KIND_EVIDENCE_LIST,
    fileName: 'evidence.txt',
    contentType: 'text/plain',
  });

  const listed = await call('listDocuments', { caseId });
  expect(listed.documents.map((d) => d.fileName)).toEqual(['调解申请书.pdf', 'evidence.txt']);
  const got = await call('getDocument', {
    caseId,
    documentId: document!.documentId,
  });
  expect(Buffer.compare(got.content, content)).toBe(0);
});

it('refuses oversize content, path-like names and callers outside the subtree', async () => {
  const big = await failure(attach(Buffer.alloc(MAX_DOCUMENT_BYTES + 1)));
  expect(big?.code).toBe(status.INVALID_ARGUMENT);
  expect(fieldViolations(big!.metadata).map((v) => v.field)).toEqual(['content']);
  const traversal = await failure(attach(PDF, { fileName: '../../etc/passwd' }));
  expect(fieldViolations(traversal!.metadata).map((v) => v.field)).toEqual(['file_name']);
  const outsider = principal(Role.ROLE_MEDIATOR, OTHER_COMMUNITY);
  expect((await failure(call('listDocuments', { caseId }, outsider)))?.code).toBe(
    status.PERMISSION_DENIED,
  );
  expect(await h.db.collection('documents').countDocuments({})).toBe(2);
});

it('refuses content that is not of its declared type, storing nothing', async () => {
  const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
  const before = await h.db.collection('documents').countDocuments({});
  for (const [contentType, content] of [
    ['application/pdf', png],
    ['image/png', PDF],
    ['text/plain', Buffer.from([0x41, 0x00, 0x42])],
    ['text/html', Buffer.from('<script>alert(1)</script>')],
  ] as const) {
    const refused = await failure(attach(content, { contentType }));
    expect([contentType, refused?.code]).toEqual([contentType, status.INVALID_ARGUMENT]);
    expect(fieldViolations(refused!.metadata).map((v) => v.field)).toEqual(['content']);
  }
  expect(await h.db.collection('documents').countDocuments({})).toBe(before);
});

it('lists an ID scan to a volunteer as withheld and refuses it; a mediator downloads it', async () => {
  const volunteer = principal(Role.ROLE_VOLUNTEER, COMMUNITY);
  const { document } = await attach(PDF, {
    kind: intakeV1.DocumentKind.DOCUMENT_KIND_IDENTITY_DOCUMENT,
    fileName: '身份证.pdf',
  });
  const id = document!.documentId;
  // The mediator who attached it may open it.
  expect(document!.contentWithheld).toBe(false);
  const got = await call('getDocument', { caseId, documentId: id });
  expect(Buffer.from(got.content)).toEqual(PDF);
  // A volunteer sees parties' personal data masked: the scan is listed, its content is not served.
  const listed = await call('listDocuments', { caseId }, volunteer);
  const byId = new Map(listed.documents.map((d) => [d.documentId, d]));
  expect(byId.get(id)!.contentWithheld).toBe(true);
  expect([...byId.values()].filter((d) => d.contentWithheld).map((d) => d.documentId)).toEqual([
    id,
  ]);
  const refused = await failure(call('getDocument', { caseId, documentId: id }, volunteer));
  expect(refused?.code).toBe(status.PERMISSION_DENIED);
  expect(refused?.details).toBe(
    'identity documents are shown only to those who may see parties’ personal data',
  );
  // Other documents of the case still download for the volunteer.
  const other = [...byId.values()].find((d) => !d.contentWithheld)!;
  expect(
    (await call('getDocument', { caseId, documentId: other.documentId }, volunteer)).document,
  ).toMatchObject({ documentId: other.documentId, contentWithheld: false });
});
