import { databaseOf } from '@mediation/test-platform';
import { eventually, holdCollectionLock, uniqueName } from '@mediation/testing';
import { json } from './support/gateway-harness';
import { startRealGateway, type RealGateway } from './support/real-gateway';
import { openCaseBody } from './support/route-table';

// A client's retry after a 504 never applies a command twice. The store stalls (an exclusive
// lock on the aggregate's table, held longer than the gateway's GRPC_TIMEOUT_MS): the gateway
// answers 504 while the service's call goes on and takes effect once the lock goes. The client
// then sends the same request again, as it should after a timeout:
// - a command with an idempotency key answers the first result again (200, replayed), and only
//   one exists;
// - a command at an expected version answers 409, and a read shows the act done once.
// The real services as processes on the real broker and store; the gateway in-process.

const GATEWAY_TIMEOUT_MS = 1_500;
/** Long enough that the gateway gives up, short enough that the service's store call does not. */
const STALL_MS = 4_000;

let real: RealGateway;
beforeAll(async () => {
  real = await startRealGateway('gwretry', { GRPC_TIMEOUT_MS: String(GATEWAY_TIMEOUT_MS) });
}, 120_000);
afterAll(() => real?.stop(), 60_000);

const send = async (userId: string, method: string, route: string, body?: unknown) =>
  fetch(`${real.gateway.url}/api/v1${route}`, {
    method,
    headers: {
      authorization: `Bearer ${await real.token(userId)}`,
      'content-type': 'application/json',
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

/**
 * Sends the request while `collection` of `service`'s database is locked: the answer must be the
 * gateway's 504. Resolves once the lock is gone (and the stalled call has gone on).
 */
async function timedOut(
  service: 'intake' | 'mediation' | 'referral',
  collection: string,
  request: () => Promise<Response>,
): Promise<void> {
  const { released } = await holdCollectionLock(
    databaseOf(real.platform.run, service),
    collection,
    STALL_MS,
  );
  const res = await request();
  const body = await json(res);
  expect({ status: res.status, type: body.type }).toEqual({
    status: 504,
    type: expect.stringContaining('timeout'),
  });
  await released;
}

/** A fresh case at the mediator's community, found again by its applicant's phone. */
async function openedCase(phone: string): Promise<{ caseId: string; version: string }> {
  const res = await send('mediator', 'POST', '/cases', caseBody(phone));
  expect(res.status).toBe(201);
  return (await json(res)).case;
}

/** The route table's two parties, the applicant reachable at `phone`. */
const partiesWith = (phone: string) => {
  const [applicant, respondent] = openCaseBody.parties;
  return [{ ...applicant, phone }, respondent];
};

const caseBody = (phone: string) => ({
  ...openCaseBody,
  idempotencyKey: uniqueName('key'),
  platformLevel: 'PLATFORM_LEVEL_COMMUNITY',
  orgUnitCode: '210202002001',
  parties: partiesWith(phone),
});

let phones = 0;
const newPhone = () => `137${String(Date.now()).slice(-6)}${String(phones++).padStart(2, '0')}`;

async function casesWithPhone(
  phone: string,
): Promise<Array<{ caseId: string; progress?: { referral?: unknown } | null }>> {
  const res = await send('mediator', 'GET', `/cases?partyPhone=${phone}`);
  expect(res.status).toBe(200);
  return (await json(res)).cases;
}

describe('a retry after the gateway answered 504', () => {
  it('OpenCase (idempotency key): the retry answers the first case, and there is one', async () => {
    const phone = newPhone();
    const body = caseBody(phone);
    await timedOut('intake', 'cases', () => send('mediator', 'POST', '/cases', body));
    const retry = await send('mediator', 'POST', '/cases', body);
    const replayed = await json(retry);
    expect({ status: retry.status, replayed: replayed.replayed }).toEqual({
      status: 200,
      replayed: true,
    });
    expect(await casesWithPhone(phone)).toEqual([
      expect.objectContaining({ caseId: replayed.case.caseId }),
    ]);
  }, 60_000);

  it('AttachDocument (idempotency key): the retry answers the first document, and there is one', async () => {
    const { caseId } = await openedCase(newPhone());
    const body = {
      kind: 'DOCUMENT_KIND_EVIDENCE',
      fileName: 'leak.txt',
      contentType: 'text/plain',
      contentBase64: Buffer.from('楼上漏水的照片说明').toString('base64'),
      idempotencyKey: uniqueName('doc'),
    };
    await timedOut('intake', 'documents', () =>
      send('mediator', 'POST', `/cases/${caseId}/documents`, body),
    );
    const retry = await send('mediator', 'POST', `/cases/${caseId}/documents`, body);
    const replayed = await json(retry);
    expect(retry.status).toBe(201); // the document, as first answered (the answer has no replay flag)
    const listed = await json(await send('mediator', 'GET', `/cases/${caseId}/documents`));
    expect(listed.documents.map((d: { documentId: string }) => d.documentId)).toEqual([
      replayed.document.documentId,
    ]);
  }, 60_000);

  it('AmendCase (expected version): the retry is refused, and the case was amended once', async () => {
    const { caseId, version } = await openedCase(newPhone());
    const body = {
      expectedVersion: version,
      reason: '申请人更正描述',
      changes: { description: '楼上卫生间漏水，已持续一周' },
    };
    await timedOut('intake', 'cases', () => send('mediator', 'PATCH', `/cases/${caseId}`, body));
    const retry = await send('mediator', 'PATCH', `/cases/${caseId}`, body);
    expect(retry.status).toBe(409);
    const read = (await json(await send('mediator', 'GET', `/cases/${caseId}`))).case;
    expect(read).toMatchObject({
      description: '楼上卫生间漏水，已持续一周',
      version: String(Number(version) + 1),
    });
  }, 60_000);

  it('Accept (expected version): the retry is refused, and the mediation was accepted once', async () => {
    const { caseId } = await openedCase(newPhone());
    const mediation = async () =>
      (await json(await send('mediator', 'GET', `/mediations/${caseId}`))).mediation;
    const before = await eventually(mediation, {
      timeoutMs: 30_000,
      what: 'the mediation opened from the case',
    });
    const body = { expectedVersion: before.version, note: '受理' };
    await timedOut('mediation', 'mediations', () =>
      send('mediator', 'POST', `/mediations/${caseId}/accept`, body),
    );
    const retry = await send('mediator', 'POST', `/mediations/${caseId}/accept`, body);
    expect(retry.status).toBe(409);
    const after = await mediation();
    expect(after.status).toBe('MEDIATION_STATUS_IN_PROGRESS'); // accepted: mediation begins
    const accepted = after.timeline.filter(
      (e: { eventType: string }) => e.eventType === 'mediation.mediation.v1.MediationAccepted',
    );
    expect(accepted).toHaveLength(1);
  }, 60_000);

  it('EntrustCase (idempotency key): the retry answers the first referral, and there is one', async () => {
    const phone = newPhone();
    const body = {
      idempotencyKey: uniqueName('ent'),
      kind: 'REFERRAL_KIND_COURT_PRE_FILING',
      institutionCode: 'CRT-210202',
      orgUnitCode: '210202002001',
      category: 'DISPUTE_CATEGORY_CONTRACT',
      parties: partiesWith(phone),
      description: '诉前委派：货款纠纷',
    };
    await timedOut('referral', 'referrals', () =>
      send('lawyer', 'POST', '/referrals/entrust', body),
    );
    // The stalled call goes on after the lock (it opens the case in intake, then stores the
    // referral): the retry is sent once it is done, as the case view shows its referral. A retry
    // overtaking it would store the one referral itself, and say so (not replayed).
    await eventually(
      async () => (await casesWithPhone(phone))[0]?.progress?.referral ?? undefined,
      { timeoutMs: 30_000, what: 'the stalled entrustment stored' },
    );
    const retry = await send('lawyer', 'POST', '/referrals/entrust', body);
    const replayed = await json(retry);
    expect({ status: retry.status, replayed: replayed.replayed }).toEqual({
      status: 200,
      replayed: true,
    });
    // One case was opened for it, at the committee it was entrusted to.
    expect(await casesWithPhone(phone)).toEqual([
      expect.objectContaining({ caseId: replayed.caseId }),
    ]);
  }, 60_000);
});
