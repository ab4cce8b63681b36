import { InMemoryParkedStore, type ParkedMessage } from '@mediation/event-bus';
import { parseInvocation, runCommand, UsageError } from './parked-command';

const env = { MONGO_URL: 'mongodb://db:27017', USER: 'ops-wang' };

const parked = (sequence: number, cause: ParkedMessage['cause']): ParkedMessage => ({
  group: 'mediation',
  aggregate: 'intake.case/c-1',
  sequence,
  eventId: `e-${sequence}`,
  eventType: 'mediation.intake.v1.CaseOpened',
  raw: {
    topic: 'intake.v1',
    partition: 2,
    offset: String(40 + sequence),
    key: null,
    value: null,
    headers: {},
  },
  cause,
  error: cause === 'failed' ? 'connection reset' : 'waiting behind',
  errorClass: 'MongoNetworkError',
  attempts: cause === 'failed' ? 5 : 0,
  parkedAt: new Date('2026-12-02T08:00:00Z'),
});

describe('parseInvocation', () => {
  it('reads the command, the service database and who acts', () => {
    expect(parseInvocation(['list', '--service', 'mediation'], env)).toEqual({
      command: { kind: 'list', skipped: false },
      mongoUrl: 'mongodb://db:27017',
      database: 'mediation',
    });
    expect(
      parseInvocation(['skip', 'intake.case/c-1', '--reason', ' opened twice '], {
        ...env,
        MONGO_DB: 'mediation_mediation',
      }),
    ).toEqual({
      command: {
        kind: 'skip',
        selector: { aggregate: 'intake.case/c-1' },
        by: 'ops-wang',
        reason: 'opened twice',
      },
      mongoUrl: 'mongodb://db:27017',
      database: 'mediation_mediation',
    });
    expect(
      parseInvocation(['retry', 'intake.case/c-1', '--service', 'referral', '--group', 'g'], {})
        .command,
    ).toEqual({
      kind: 'retry',
      selector: { aggregate: 'intake.case/c-1', group: 'g' },
      by: 'unknown',
    });
  });

  it('refuses a skip without a reason, an unknown service, and a missing database', () => {
    expect(() => parseInvocation(['skip', 'a/1', '--service', 'intake'], env)).toThrow(/--reason/);
    expect(() => parseInvocation(['list', '--service', 'billing'], env)).toThrow(UsageError);
    expect(() => parseInvocation(['list'], env)).toThrow(/MONGO_DB/);
    expect(() => parseInvocation(['retry', '--service', 'intake'], env)).toThrow(/aggregate/);
    expect(() => parseInvocation(['purge', '--service', 'intake'], env)).toThrow(/unknown/);
  });
});

describe('runCommand', () => {
  it('lists each parked aggregate with its first error and what waits behind it', async () => {
    const store = new InMemoryParkedStore();
    await store.park(parked(1, 'failed'));
    await store.park(parked(2, 'waiting'));
    expect(await runCommand({ kind: 'list', skipped: false }, store)).toEqual([
      'mediation  intake.case/c-1  2 message(s) parked since 2026-12-02T08:00:00.000Z',
      '  #1 mediation.intake.v1.CaseOpened  failed after 5 attempt(s): MongoNetworkError: ' +
        'connection reset  (intake.v1 partition 2 offset 41)',
      '  #2 mediation.intake.v1.CaseOpened  waiting  (intake.v1 partition 2 offset 42)',
    ]);
  });

  it('releases an aggregate for retry, and says when nothing matches', async () => {
    const store = new InMemoryParkedStore();
    await store.park(parked(1, 'failed'));
    const selector = { aggregate: 'intake.case/c-1' };
    expect(await runCommand({ kind: 'retry', selector, by: 'ops-wang' }, store)).toEqual([
      expect.stringMatching(/^released intake.case\/c-1: 1 message\(s\)/),
    ]);
    expect((await store.retryable('mediation', new Date()))[0]?.released?.by).toBe('ops-wang');
    await expect(
      runCommand({ kind: 'retry', selector: { aggregate: 'other/x' }, by: 'ops-wang' }, store),
    ).rejects.toThrow(/nothing parked for other\/x/);
  });

  it('skips the first message with the reason on record, and lists it as skipped', async () => {
    const store = new InMemoryParkedStore();
    await store.park(parked(1, 'failed'));
    await store.park(parked(2, 'waiting'));
    const at = new Date('2026-12-02T09:30:00Z');
    const selector = { aggregate: 'intake.case/c-1' };
    expect(
      await runCommand(
        { kind: 'skip', selector, by: 'ops-wang', reason: 'test case' },
        store,
        () => at,
      ),
    ).toEqual([
      'skipped mediation  intake.case/c-1  #1 mediation.intake.v1.CaseOpened; ' +
        'the messages behind it are released',
    ]);
    expect(await runCommand({ kind: 'list', skipped: true }, store)).toEqual([
      'mediation  intake.case/c-1  #1 mediation.intake.v1.CaseOpened  ' +
        'skipped by ops-wang at 2026-12-02T09:30:00.000Z: test case',
    ]);
    expect((await store.list()).map((m) => [m.sequence, m.released?.by])).toEqual([
      [2, 'ops-wang'],
    ]);
  });
});
