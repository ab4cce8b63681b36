import { Client, credentials, type Metadata, type ServiceError } from '@grpc/grpc-js';
import { EVENT_TYPES, GRPC_SERVICES, intakeV1, METADATA_KEYS } from '@mediation/contracts';
import { decodeBusEvent, headerString } from '@mediation/event-bus';
import { callMetadata } from '@mediation/service-kit';
import { installInMemoryTracing } from '@mediation/telemetry';
import { eventually } from '@mediation/testing';
import {
  COMMUNITY,
  Role,
  openCaseRequest,
  principal,
  readEvents,
  startHarness,
  type Harness,
} from './intake-harness';

// CaseOpened through the outbox onto the real broker: CloudEvents headers, the caller's trace,
// partitioned by case id, and no personal data anywhere in the message.

let h: Harness;
let tracing: ReturnType<typeof installInMemoryTracing>;
const mediator = principal(Role.ROLE_MEDIATOR, COMMUNITY);

beforeAll(async () => {
  tracing = installInMemoryTracing();
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
  await tracing?.uninstall();
});

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';

it('publishes CaseOpened with CloudEvents headers, the caller trace and no PII', async () => {
  const req = openCaseRequest({ orgUnitCode: COMMUNITY });
  const metadata: Metadata = callMetadata(
    { principal: mediator, correlationId: 'corr-1' },
    'intake',
  );
  metadata.set(METADATA_KEYS.traceparent, `00-${TRACE_ID}-00f067aa0ba902b7-01`);
  // A plain grpc-js call, to send a caller's own trace context (the typed client sends the
  // active span's).
  const raw = new Client(h.address, credentials.createInsecure());
  const opened = await new Promise<intakeV1.OpenCaseResponse>((resolve, reject) =>
    raw.makeUnaryRequest(
      `/${GRPC_SERVICES.intake.fullName}/OpenCase`,
      (r: intakeV1.OpenCaseRequest) => Buffer.from(intakeV1.OpenCaseRequest.encode(r).finish()),
      (b: Buffer) => intakeV1.OpenCaseResponse.decode(b),
      req,
      metadata,
      (err: ServiceError | null, res?: intakeV1.OpenCaseResponse) =>
        err ? reject(err) : resolve(res!),
    ),
  );
  raw.close();
  const caseId = opened.case!.caseId;

  const messages = await readEvents(h.topic, (ms) => ms.some((m) => m.key?.toString() === caseId));
  const message = messages.find((m) => m.key?.toString() === caseId)!;
  const header = (name: string) => headerString(message.headers as never, name);
  expect(header('ce_specversion')).toBe('1.0');
  expect(header('ce_type')).toBe(EVENT_TYPES.CaseOpened.type);
  expect(header('ce_source')).toBe('/intake');
  expect(header('ce_id')).toMatch(/^[0-9a-f-]{36}$/);
  expect(header('ce_sequence')).toBe('1');
  expect(header('ce_caseid')).toBe(caseId);
  expect(header('ce_correlationid')).toBe('corr-1');
  expect(header('traceparent')).toMatch(new RegExp(`^00-${TRACE_ID}-[0-9a-f]{16}-0[01]$`));

  const event = decodeBusEvent(message.value!);
  expect(event).toMatchObject({ aggregateId: caseId, aggregateType: 'intake.case', sequence: 1 });
  const payload = EVENT_TYPES.CaseOpened.decode(event.payload);
  expect(payload).toMatchObject({ caseId, caseNumber: opened.case!.caseNumber });
  expect(payload.facts!.parties).toHaveLength(2);

  const bytes = Buffer.concat([
    message.value!,
    ...Object.values(message.headers ?? {}).map((v) => Buffer.from(String(v))),
  ]).toString('utf8');
  for (const p of req.parties) {
    for (const secret of [p.idNumber, p.phone, p.name, p.address])
      expect(bytes).not.toContain(secret);
  }
  expect(bytes).not.toContain(req.description);
  // Sent and removed from the outbox.
  await eventually(async () => {
    const raw = await h.db.collection('cases').findOne({ _id: caseId as never });
    return raw?.outboxPending === 0 ? true : undefined;
  });
});

it('publishes DuplicateLinked after CaseOpened, in sequence, on the case id key', async () => {
  const req = openCaseRequest({ orgUnitCode: COMMUNITY });
  await h.client.call('openCase', req, { principal: mediator });
  const second = await h.client.call(
    'openCase',
    { ...req, idempotencyKey: 'second-entry' },
    { principal: mediator },
  );
  const caseId = second.case!.caseId;
  const messages = await readEvents(
    h.topic,
    (ms) => ms.filter((m) => m.key?.toString() === caseId).length >= 2,
  );
  const mine = messages.filter((m) => m.key?.toString() === caseId);
  expect(mine.map((m) => headerString(m.headers as never, 'ce_type'))).toEqual([
    EVENT_TYPES.CaseOpened.type,
    EVENT_TYPES.DuplicateLinked.type,
  ]);
  const linked = EVENT_TYPES.DuplicateLinked.decode(decodeBusEvent(mine[1].value!).payload);
  expect(linked).toMatchObject({
    caseId,
    duplicateOfCaseId: second.case!.duplicateOfCaseId,
    windowDays: 30,
  });
});
