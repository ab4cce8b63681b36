import { trace } from '@opentelemetry/api';
import { installInMemoryTracing } from '@mediation/telemetry';
import { intakeV1, TOPICS } from '@mediation/contracts';
import { newEvent, toOutboxEntries } from './aggregate-repository';

describe('toOutboxEntries', () => {
  const ev = (eventType: string) => ({ eventType, topic: 't.v1', payload: new Uint8Array([7]) });

  it('numbers events on from the aggregate’s last sequence, each with its own id', () => {
    const entries = toOutboxEntries([ev('A'), ev('B')], 4);
    expect(entries.map((e) => [e.eventType, e.sequence])).toEqual([
      ['A', 5],
      ['B', 6],
    ]);
    expect(entries[0].eventId).toMatch(/^[0-9a-f-]{36}$/);
    expect(entries[0].eventId).not.toBe(entries[1].eventId);
    expect(Buffer.isBuffer(entries[0].payload)).toBe(true);
    expect(entries[0]).toMatchObject({ orgUnitCode: '', correlationId: '' });
  });

  it('captures the trace context of the command that records them', async () => {
    const tracing = installInMemoryTracing();
    const entries = await trace.getTracer('t').startActiveSpan('OpenCase', async (span) => {
      const result = toOutboxEntries([ev('A')], 0);
      span.end();
      return { result, traceId: span.spanContext().traceId, spanId: span.spanContext().spanId };
    });
    expect(entries.result[0].traceparent).toBe(`00-${entries.traceId}-${entries.spanId}-01`);
    await tracing.uninstall();
  });

  it('keeps the backfill mark of the command that recorded them', () => {
    const [marked, live] = toOutboxEntries([{ ...ev('A'), backfilled: true }, ev('B')], 0);
    expect(marked.backfilled).toBe(true);
    expect(live).not.toHaveProperty('backfilled');
  });

  it('records no trace context outside a span', () => {
    expect(toOutboxEntries([ev('A')], 0)[0].traceparent).toBeUndefined();
  });
});

describe('newEvent', () => {
  it('takes the topic from the event registry and encodes the payload', () => {
    const e = newEvent(
      'mediation.intake.v1.CaseWithdrawn',
      intakeV1.CaseWithdrawn.fromPartial({ caseId: 'case-1' }),
      { caseId: 'case-1', orgUnitCode: '210202' },
    );
    expect(e).toMatchObject({
      eventType: 'mediation.intake.v1.CaseWithdrawn',
      topic: TOPICS.intakeCaseEvents,
      caseId: 'case-1',
    });
    expect(intakeV1.CaseWithdrawn.decode(e.payload).caseId).toBe('case-1');
  });
});
