import { createLogger } from '@mediation/telemetry';
import { CatchUp, type Assignment, type PartitionPositions } from './catch-up';

const log = createLogger('catch-up-test', { level: 'silent' });

/** Positions as a broker would report them: "topic/partition" -> offset. */
const positions = (
  ends: Record<string, number>,
  committed: Record<string, number> = {},
): PartitionPositions => ({
  ends: new Map(Object.entries(ends)),
  committed: new Map(Object.entries(committed)),
});

describe('CatchUp', () => {
  it('is reached once every assigned partition has been read to its end at the join', async () => {
    const catchUp = new CatchUp(async () => positions({ 't/0': 3, 't/1': 1 }), log);
    expect(catchUp.reached).toBe(false);
    await catchUp.joined({ t: [0, 1] });
    catchUp.processed('t', 0, '0');
    catchUp.processed('t', 0, '1');
    catchUp.processed('t', 1, '0');
    expect(catchUp.reached).toBe(false); // t/0 has offset 2 still to read
    catchUp.processed('t', 0, '2');
    expect(catchUp.reached).toBe(true);
  });

  it('counts at once a partition that is empty or that the group had read to its end', async () => {
    const catchUp = new CatchUp(async () => positions({ 't/0': 5, 't/1': 0 }, { 't/0': 5 }), log);
    await catchUp.joined({ t: [0, 1] });
    expect(catchUp.reached).toBe(true);
  });

  it('counts what was processed before the positions were read', async () => {
    let answer!: (p: PartitionPositions) => void;
    const catchUp = new CatchUp(() => new Promise((resolve) => (answer = resolve)), log);
    const joining = catchUp.joined({ t: [0] });
    catchUp.processed('t', 0, 0);
    catchUp.processed('t', 0, 1);
    answer(positions({ 't/0': 2 }));
    await joining;
    expect(catchUp.reached).toBe(true);
  });

  it('is never reached before a join, however much was processed', () => {
    const catchUp = new CatchUp(async () => positions({}), log);
    catchUp.processed('t', 0, 10);
    expect(catchUp.reached).toBe(false);
  });

  it('takes the latest join: partitions given away no longer count, new ones do', async () => {
    const reads: Array<Assignment> = [];
    const catchUp = new CatchUp(async (assignment) => {
      reads.push(assignment);
      return assignment.t.includes(1) ? positions({ 't/0': 4, 't/1': 2 }) : positions({ 't/2': 1 });
    }, log);
    await catchUp.joined({ t: [0, 1] });
    catchUp.processed('t', 1, 1);
    expect(catchUp.reached).toBe(false);
    await catchUp.joined({ t: [2] }); // t/0 went to another member
    expect(catchUp.reached).toBe(false);
    catchUp.processed('t', 2, 0);
    expect(catchUp.reached).toBe(true);
    expect(reads).toEqual([{ t: [0, 1] }, { t: [2] }]);
  });

  it('stays reached after a later join finds the member behind again', async () => {
    let end = 1;
    const catchUp = new CatchUp(async () => positions({ 't/0': end }), log);
    await catchUp.joined({ t: [0] });
    catchUp.processed('t', 0, 0);
    expect(catchUp.reached).toBe(true);
    end = 100;
    await catchUp.joined({ t: [0] });
    expect(catchUp.reached).toBe(true);
  });

  it('retries reading the positions while the broker does not answer, until stopped', async () => {
    jest.useFakeTimers();
    try {
      const stop = new AbortController();
      let attempts = 0;
      const catchUp = new CatchUp(
        async () => {
          attempts++;
          if (attempts < 3) throw new Error('broker away');
          return positions({ 't/0': 0 });
        },
        log,
        stop.signal,
      );
      const joining = catchUp.joined({ t: [0] });
      await jest.advanceTimersByTimeAsync(4_000);
      await joining;
      expect(attempts).toBe(3);
      expect(catchUp.reached).toBe(true);

      const never = new CatchUp(() => Promise.reject(new Error('away')), log, stop.signal);
      const waiting = never.joined({ t: [0] });
      stop.abort();
      await jest.advanceTimersByTimeAsync(0);
      await waiting;
      expect(never.reached).toBe(false);
    } finally {
      jest.useRealTimers();
    }
  });
});
