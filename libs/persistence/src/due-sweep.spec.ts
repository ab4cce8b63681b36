import type { Logger } from '@mediation/telemetry';
import { ConcurrencyError } from './aggregate-repository';
import { sweepDue } from './due-sweep';
import { persistenceMetrics } from './metrics';

const fakeLog = () => ({ warn: jest.fn() }) as unknown as Logger & { warn: jest.Mock };

describe('sweepDue', () => {
  it('handles every due item in the given order, one at a time, adding up what fired', async () => {
    const seen: string[] = [];
    let inFlight = 0;
    const result = await sweepDue(
      ['a', 'b', 'c'],
      async (id) => {
        expect(++inFlight).toBe(1);
        seen.push(id);
        await new Promise((r) => setTimeout(r, 1));
        inFlight--;
        return id === 'b' ? 2 : 1;
      },
      { sweep: 'test', log: fakeLog() },
    );
    expect(seen).toEqual(['a', 'b', 'c']);
    expect(result).toEqual({ fired: 4, failed: 0 });
  });

  it('logs and counts an item that fails, and goes on with the next', async () => {
    const log = fakeLog();
    const counted = jest.spyOn(persistenceMetrics, 'sweepItemFailed');
    const seen: string[] = [];
    const result = await sweepDue(
      ['a', 'bad', 'c'],
      async (id) => {
        seen.push(id);
        if (id === 'bad') throw new Error('invalid document');
        return 1;
      },
      { sweep: 'mediation-deadlines', log },
    );
    expect(seen).toEqual(['a', 'bad', 'c']);
    expect(result).toEqual({ fired: 2, failed: 1 });
    expect(counted).toHaveBeenCalledWith('mediation-deadlines');
    expect(log.warn).toHaveBeenCalledWith(
      expect.objectContaining({
        sweep: 'mediation-deadlines',
        item: 'bad',
        err: expect.any(Error),
      }),
      expect.stringContaining('due item failed'),
    );
    counted.mockRestore();
  });

  it('does not count an item someone else saved meanwhile (ConcurrencyError) as failed', async () => {
    const log = fakeLog();
    const result = await sweepDue(
      ['a', 'b'],
      async (id) => {
        if (id === 'a') throw new ConcurrencyError('a', 3);
        return 1;
      },
      { sweep: 'test', log },
    );
    expect(result).toEqual({ fired: 1, failed: 0 });
    expect(log.warn).not.toHaveBeenCalled();
  });
});
