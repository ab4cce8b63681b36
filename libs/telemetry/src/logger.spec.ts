import { trace } from '@opentelemetry/api';
import { Writable } from 'node:stream';
import { installInMemoryTracing } from './in-memory-tracing';
import { createLogger } from './logger';

describe('createLogger', () => {
  it('adds the active trace ids and redacts PII from fields and message', async () => {
    const tracing = installInMemoryTracing();
    const lines: Record<string, unknown>[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(JSON.parse(chunk.toString()));
        done();
      },
    });
    const log = createLogger('test', { level: 'info' }, stream);
    await trace.getTracer('t').startActiveSpan('work', async (span) => {
      log.info({ party: { idNumber: '110101199003074578', name: '张三' } }, 'called 13812345678');
      span.end();
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      msg: 'called [REDACTED]',
      party: { idNumber: '[REDACTED]', name: '张三' },
    });
    expect(lines[0].trace_id).toMatch(/^[0-9a-f]{32}$/);
    await tracing.uninstall();
  });
});
