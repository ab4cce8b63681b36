import { status, type ServiceError } from '@grpc/grpc-js';
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
  OTHER_COMMUNITY,
  Role,
  openCaseRequest,
  principal,
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
const failure = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: ServiceError) => e,
  );

beforeAll(async () => {
  h = await startHarness();
  const opened = await call('openCase', openCaseRequest({ orgUnitCode: COMMUNITY }));
  caseId = opened.case!.caseId;
});
afterAll(() => h?.stop());

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
  const content = randomBytes(200_000);
  const { document } = await attach(content, { idempotencyKey: 'form-1' });
  expect(document).toMatchObject({
    caseId,
    sizeBytes: '200000',
    sha256: createHash('sha256').update(content).digest('hex'),
  });
  const again = await attach(content, { idempotencyKey: 'form-1' });
  expect(again.document!.documentId).toBe(document!.documentId);
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
  const traversal = await failure(attach(Buffer.from('x'), { fileName: '../../etc/passwd' }));
  expect(fieldViolations(traversal!.metadata).map((v) => v.field)).toEqual(['file_name']);
  const outsider = principal(Role.ROLE_MEDIATOR, OTHER_COMMUNITY);
  expect((await failure(call('listDocuments', { caseId }, outsider)))?.code).toBe(
    status.PERMISSION_DENIED,
  );
  expect(await h.db.collection('documents').countDocuments({})).toBe(2);
});
