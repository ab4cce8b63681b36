import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { status, type ServiceError } from '@grpc/grpc-js';
import { intakeV1 } from '@mediation/contracts';
import { testS3, uniqueName } from '@mediation/testing';
import { createHash, randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  COMMUNITY,
  Role,
  openCaseRequest,
  principal,
  startHarness,
  type Harness,
} from './intake-harness';

// Documents at rest: sealed on local disk and in the S3-compatible store of the local stack
// (S3Proxy), never in clear, and served back byte for byte.

const s3 = testS3();
const raw = new S3Client({
  endpoint: s3.DOCUMENT_S3_ENDPOINT,
  region: 'us-east-1',
  forcePathStyle: true,
  requestChecksumCalculation: 'WHEN_REQUIRED',
  responseChecksumValidation: 'WHEN_REQUIRED',
  credentials: {
    accessKeyId: s3.DOCUMENT_S3_ACCESS_KEY_ID,
    secretAccessKey: s3.DOCUMENT_S3_SECRET_ACCESS_KEY,
  },
});
afterAll(() => raw.destroy());

const prefix = `${uniqueName('docs')}/`;
/** The stored bytes of a storage key, read and written behind the service's back. */
interface RawStore {
  read(storageKey: string): Promise<Buffer>;
  write(storageKey: string, content: Buffer): Promise<void>;
}

const stores: Array<[string, Record<string, string>, (h: Harness) => RawStore]> = [
  [
    'local disk',
    {},
    (h) => ({
      read: (key) => readFile(path.join(h.documentDir, ...key.split('/'))),
      write: (key, content) => writeFile(path.join(h.documentDir, ...key.split('/')), content),
    }),
  ],
  [
    'S3-compatible store',
    { DOCUMENT_STORE: 's3', DOCUMENT_S3_PREFIX: prefix, ...s3 },
    () => ({
      async read(key) {
        const answer = await raw.send(
          new GetObjectCommand({ Bucket: s3.DOCUMENT_S3_BUCKET, Key: `${prefix}${key}` }),
        );
        return Buffer.from(await answer.Body!.transformToByteArray());
      },
      async write(key, content) {
        await raw.send(
          new PutObjectCommand({
            Bucket: s3.DOCUMENT_S3_BUCKET,
            Key: `${prefix}${key}`,
            Body: content,
          }),
        );
      },
    }),
  ],
];

describe.each(stores)('documents on the %s', (_name, env, rawStore) => {
  let h: Harness;
  let store: RawStore;
  let caseId: string;
  const mediator = principal(Role.ROLE_MEDIATOR, COMMUNITY);
  const idNumber = '210202199001011234';

  beforeAll(async () => {
    h = await startHarness(env);
    store = rawStore(h);
    const opened = await h.client.call('openCase', openCaseRequest({ orgUnitCode: COMMUNITY }), {
      principal: mediator,
    });
    caseId = opened.case!.caseId;
  });
  afterAll(() => h?.stop());

  const attach = (content: Buffer, fileName: string, contentType = 'text/plain') =>
    h.client.call(
      'attachDocument',
      {
        caseId,
        kind: intakeV1.DocumentKind.DOCUMENT_KIND_EVIDENCE_LIST,
        fileName,
        contentType,
        content,
        description: '',
        idempotencyKey: '',
      },
      { principal: mediator },
    );
  const download = (documentId: string) =>
    h.client.call('getDocument', { caseId, documentId }, { principal: mediator });
  const storageKey = async (documentId: string) =>
    (await h.db.collection('documents').findOne({ _id: documentId as never }))!
      .storageKey as string;

  it('keeps only ciphertext at rest and serves the content back byte for byte', async () => {
    const content = Buffer.concat([
      Buffer.from(`%PDF-1.7\n当事人身份证号 ${idNumber}\n`),
      randomBytes(50_000),
    ]);
    const { document } = await attach(content, 'parties.pdf', 'application/pdf');
    const stored = await store.read(await storageKey(document!.documentId));
    expect(stored.subarray(0, 4).toString('latin1')).toBe('MSB1');
    expect(stored.includes(Buffer.from(idNumber))).toBe(false);
    expect(stored.includes(content.subarray(-1000))).toBe(false);
    const served = await download(document!.documentId);
    expect(createHash('sha256').update(served.content).digest('hex')).toBe(
      createHash('sha256').update(content).digest('hex'),
    );
  });

  it("refuses content copied over from another document's place", async () => {
    const a = (await attach(Buffer.from('证据一'), 'a.txt')).document!;
    const b = (await attach(Buffer.from('证据二'), 'b.txt')).document!;
    await store.write(
      await storageKey(b.documentId),
      await store.read(await storageKey(a.documentId)),
    );
    const refused = await download(b.documentId).then(
      () => undefined,
      (e: ServiceError) => e,
    );
    expect(refused?.code).toBe(status.DATA_LOSS);
    expect((await download(a.documentId)).content.toString()).toBe('证据一');
  });
});
