import { ServiceHealth } from './health';

describe('ServiceHealth', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const service = () => new ServiceHealth(['mediation.test.v1.TestService'], 5_000, 2_000);

  it('is SERVING while every check passes', async () => {
    const health = service();
    await expect(
      health.start({ mongo: async () => true, kafka: async () => true }),
    ).resolves.toEqual({ mongo: true, kafka: true });
    expect(health.serving).toBe('SERVING');
    health.drain();
  });

  it('reports NOT_SERVING once a check hangs past its timeout, and SERVING again when it answers', async () => {
    const health = service();
    let hang = false;
    const mongo = () => (hang ? new Promise<boolean>(() => undefined) : Promise.resolve(true));
    await health.start({ mongo, kafka: async () => true });
    expect(health.serving).toBe('SERVING');

    hang = true;
    const evaluated = health.evaluate();
    await jest.advanceTimersByTimeAsync(1_999);
    expect(health.serving).toBe('SERVING'); // not yet: the check may still answer
    await jest.advanceTimersByTimeAsync(1);
    await expect(evaluated).resolves.toEqual({ mongo: false, kafka: true });
    expect(health.serving).toBe('NOT_SERVING');

    hang = false;
    await jest.advanceTimersByTimeAsync(5_000); // the periodic evaluation
    expect(health.serving).toBe('SERVING');
    health.drain();
  });

  it('counts a check that throws, synchronously or not, as failed', async () => {
    const health = service();
    const result = await health.start({
      rejects: () => Promise.reject(new Error('down')),
      throws: () => {
        throw new Error('no client');
      },
    });
    expect(result).toEqual({ rejects: false, throws: false });
    expect(health.serving).toBe('NOT_SERVING');
    health.drain();
  });

  it('checks every 250 ms until it has been SERVING once, then at its interval', async () => {
    const health = service();
    let ready = false;
    let calls = 0;
    await health.start({
      consumer: async () => {
        calls++;
        return ready;
      },
    });
    expect(health.serving).toBe('NOT_SERVING');
    await jest.advanceTimersByTimeAsync(1_000);
    expect(calls).toBe(5);
    expect(health.serving).toBe('NOT_SERVING');

    ready = true;
    await jest.advanceTimersByTimeAsync(250);
    expect(health.serving).toBe('SERVING');
    const after = calls;
    await jest.advanceTimersByTimeAsync(4_999);
    expect(calls).toBe(after);
    await jest.advanceTimersByTimeAsync(1);
    expect(calls).toBe(after + 1);
    health.drain();
  });

  it('stays NOT_SERVING once draining, whatever the checks say', async () => {
    const health = service();
    await health.start({ mongo: async () => true });
    health.drain();
    await health.evaluate();
    expect(health.serving).toBe('NOT_SERVING');
  });
});
