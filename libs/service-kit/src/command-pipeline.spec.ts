import { Metadata, status } from '@grpc/grpc-js';
import { RpcException } from '@nestjs/microservices';
import { commonV1, setPrincipal } from '@mediation/contracts';
import {
  ConflictError,
  InvalidInputError,
  NotPermittedError,
  RuleViolationError,
} from '@mediation/domain-kit';
import { ConcurrencyError, type Loaded } from '@mediation/persistence';
import {
  CommandPipeline,
  toRpcError,
  type AggregateCommand,
  type CommandTarget,
} from './command-pipeline';
import { RECORDED_AT_METADATA_KEY } from './command-time';
import { FIELD_VIOLATIONS_KEY } from './grpc-errors';

interface Counter {
  count: number;
  lastAt: Date;
}

const clockAt = new Date('2026-06-01T08:00:00Z');

function metadataFor(role = commonV1.Role.ROLE_MEDIATOR, recordedAt?: string): Metadata {
  const md = new Metadata();
  setPrincipal(
    md,
    commonV1.Principal.fromPartial({ subject: 'u1', roles: [role], orgUnitCode: '210202' }),
  );
  md.set('x-correlation-id', 'corr-1');
  if (recordedAt) md.set(RECORDED_AT_METADATA_KEY, recordedAt);
  return md;
}

/** An in-memory aggregate store: enough to watch what the pipeline loads and saves. */
function memoryTarget(start: Counter) {
  const saves: { version: number; decision: number; at: Date; backfilled: boolean }[] = [];
  let current: Loaded<Counter> = { id: 'c1', version: 3, lastSequence: 3, state: start };
  const target: CommandTarget<Counter, number, Loaded<Counter>> = {
    noun: 'counter',
    idField: 'counter_id',
    load: async (id) => (id === 'c1' ? current : null),
    lastStepAt: (state) => state.lastAt,
    save: async (loaded, decision, call) => {
      saves.push({ version: loaded.version, decision, at: call.at, backfilled: call.backfilled });
      current = {
        ...loaded,
        version: loaded.version + 1,
        state: { count: loaded.state.count + decision, lastAt: call.at },
      };
      return current;
    },
  };
  return { target, saves };
}

interface AddRequest {
  counterId: string;
  expectedVersion: string;
  by: number;
}

const add: AggregateCommand<Counter, AddRequest, number, Loaded<Counter>, { count: number }> = {
  authorize: (call) => {
    if (call.principal.roles.includes(commonV1.Role.ROLE_ANALYST))
      throw new NotPermittedError('analysts only read');
  },
  decide: (state, req) => {
    if (req.by === 0) throw new InvalidInputError('by', 'must not be zero');
    if (state.count + req.by > 10) throw new RuleViolationError('a counter stops at 10');
    return req.by;
  },
  respond: (saved) => ({ count: saved.state.count }),
};

async function rpcStatus(promise: Promise<unknown>): Promise<{ code: number; details: string }> {
  try {
    await promise;
  } catch (error) {
    const e = (error as RpcException).getError() as { code: number; details: string };
    return e;
  }
  throw new Error('expected the call to fail');
}

describe('CommandPipeline.commandOn', () => {
  const pipeline = new CommandPipeline({ backfillEnabled: true, clock: () => clockAt });
  const run = (
    target: CommandTarget<Counter, number, Loaded<Counter>>,
    req: AddRequest,
    md = metadataFor(),
  ) => pipeline.commandOn(target, add, req.counterId, req, md);

  it('loads, decides, saves at the clock time and answers with the saved state', async () => {
    const { target, saves } = memoryTarget({ count: 1, lastAt: new Date('2026-01-01') });
    await expect(run(target, { counterId: 'c1', expectedVersion: '3', by: 2 })).resolves.toEqual({
      count: 3,
    });
    expect(saves).toEqual([{ version: 3, decision: 2, at: clockAt, backfilled: false }]);
  });

  it.each([
    ['no id', { counterId: '', expectedVersion: '3', by: 1 }, status.INVALID_ARGUMENT],
    [
      'a version that is no number',
      { counterId: 'c1', expectedVersion: 'x', by: 1 },
      status.INVALID_ARGUMENT,
    ],
    ['version 0', { counterId: 'c1', expectedVersion: '0', by: 1 }, status.INVALID_ARGUMENT],
    ['an unknown id', { counterId: 'c9', expectedVersion: '3', by: 1 }, status.NOT_FOUND],
    ['a stale version', { counterId: 'c1', expectedVersion: '2', by: 1 }, status.ABORTED],
    [
      'a value the domain refuses',
      { counterId: 'c1', expectedVersion: '3', by: 0 },
      status.INVALID_ARGUMENT,
    ],
    [
      'a rule the domain enforces',
      { counterId: 'c1', expectedVersion: '3', by: 20 },
      status.FAILED_PRECONDITION,
    ],
  ])('refuses %s with its status and writes nothing', async (_what, req, code) => {
    const { target, saves } = memoryTarget({ count: 1, lastAt: new Date('2026-01-01') });
    expect((await rpcStatus(run(target, req))).code).toBe(code);
    expect(saves).toEqual([]);
  });

  it('acts on an aggregate not stored yet at version 0 when the target can create one', async () => {
    const { target, saves } = memoryTarget({ count: 1, lastAt: new Date('2026-01-01') });
    const creatable = { ...target, absent: () => ({ count: 0, lastAt: new Date(0) }) };
    await expect(run(creatable, { counterId: 'c9', expectedVersion: '0', by: 2 })).resolves.toEqual(
      { count: 2 },
    );
    expect(saves).toEqual([{ version: 0, decision: 2, at: clockAt, backfilled: false }]);
    const stale = await rpcStatus(run(creatable, { counterId: 'c1', expectedVersion: '0', by: 1 }));
    expect(stale.code).toBe(status.ABORTED);
    const negative = await rpcStatus(
      run(creatable, { counterId: 'c9', expectedVersion: '-1', by: 1 }),
    );
    expect(negative.code).toBe(status.INVALID_ARGUMENT);
  });

  it('checks scope before the version, so an outsider learns nothing about the aggregate', async () => {
    const { target, saves } = memoryTarget({ count: 1, lastAt: new Date('2026-01-01') });
    const md = metadataFor(commonV1.Role.ROLE_ANALYST);
    const refused = await rpcStatus(
      run(target, { counterId: 'c1', expectedVersion: '99', by: 1 }, md),
    );
    expect(refused).toMatchObject({
      code: status.PERMISSION_DENIED,
      details: 'analysts only read',
    });
    expect(saves).toEqual([]);
  });

  it('names the refused field in the violations trailer', async () => {
    const { target } = memoryTarget({ count: 1, lastAt: new Date('2026-01-01') });
    const error = (await run(target, { counterId: 'c1', expectedVersion: '3', by: 0 }).then(
      () => {
        throw new Error('expected the call to fail');
      },
      (e: RpcException) => e.getError(),
    )) as { metadata: Metadata };
    const trailer = String(error.metadata.get(FIELD_VIOLATIONS_KEY)[0]);
    expect(JSON.parse(trailer)).toEqual([{ field: 'by', description: 'must not be zero' }]);
  });

  it('takes a backfill time from an administrator, and not one before the last step', async () => {
    const { target, saves } = memoryTarget({ count: 1, lastAt: new Date('2025-03-01T00:00:00Z') });
    const admin = (at: string) => metadataFor(commonV1.Role.ROLE_ADMINISTRATOR, at);
    const before = await rpcStatus(
      run(
        target,
        { counterId: 'c1', expectedVersion: '3', by: 1 },
        admin('2025-02-01T00:00:00+08:00'),
      ),
    );
    expect(before.code).toBe(status.FAILED_PRECONDITION);
    await run(
      target,
      { counterId: 'c1', expectedVersion: '3', by: 1 },
      admin('2025-04-01T09:00:00+08:00'),
    );
    expect(saves).toEqual([
      { version: 3, decision: 1, at: new Date('2025-04-01T01:00:00Z'), backfilled: true },
    ]);
  });

  it('refuses a call with no principal as UNAUTHENTICATED', async () => {
    const { target } = memoryTarget({ count: 1, lastAt: new Date('2026-01-01') });
    const refused = await rpcStatus(
      pipeline.commandOn(
        target,
        add,
        'c1',
        { counterId: 'c1', expectedVersion: '3', by: 1 },
        new Metadata(),
      ),
    );
    expect(refused.code).toBe(status.UNAUTHENTICATED);
  });
});

describe('CommandPipeline.query and command', () => {
  const pipeline = new CommandPipeline({ backfillEnabled: false, clock: () => clockAt });

  it('gives the run the caller and its correlation id', async () => {
    const seen = await pipeline.query(metadataFor(), (call) => [
      call.principal.subject,
      call.correlationId,
    ]);
    expect(seen).toEqual(['u1', 'corr-1']);
  });

  it('refuses a backfill time where backfill is off', async () => {
    const md = metadataFor(commonV1.Role.ROLE_ADMINISTRATOR, '2025-04-01T09:00:00+08:00');
    const refused = await rpcStatus(pipeline.command(md, () => 'ran'));
    expect(refused.code).toBe(status.PERMISSION_DENIED);
  });

  it('maps domain errors raised inside a run', async () => {
    const refused = await rpcStatus(
      pipeline.command(metadataFor(), () => {
        throw new ConflictError('roster changed');
      }),
    );
    expect(refused).toMatchObject({ code: status.ABORTED, details: 'roster changed' });
  });
});

describe('toRpcError', () => {
  it('answers a concurrency conflict with ABORTED and passes other errors through', () => {
    const aborted = toRpcError(new ConcurrencyError('c1', 3)) as RpcException;
    expect((aborted.getError() as { code: number }).code).toBe(status.ABORTED);
    const other = new Error('boom');
    expect(toRpcError(other)).toBe(other);
  });

  it('answers a store that cannot be reached with UNAVAILABLE and a slow one with DEADLINE_EXCEEDED', () => {
    const code = (e: unknown) =>
      ((toRpcError(e) as RpcException).getError() as { code: number }).code;
    const driver = (name: string, extra: object = {}) =>
      Object.assign(new Error('connect ECONNREFUSED'), { name, ...extra });
    expect(code(driver('MongoServerSelectionError'))).toBe(status.UNAVAILABLE);
    expect(code(driver('MongoServerError', { code: 50 }))).toBe(status.DEADLINE_EXCEEDED);
  });
});
