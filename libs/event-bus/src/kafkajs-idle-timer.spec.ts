import { quietIdleKafkaConnections } from './kafkajs-idle-timer';

// The queue kafkajs keeps per broker connection (internal: loaded from its source path).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const RequestQueue = require('kafkajs/src/network/requestQueue');

const logger = { debug: () => undefined, warn: () => undefined, error: () => undefined };
const queue = () =>
  new RequestQueue({
    maxInFlightRequests: 1,
    requestTimeout: 30_000,
    enforceRequestTimeout: true,
    clientId: 'test',
    broker: 'localhost:9092',
    logger,
  });

describe("kafkajs's pending-request timer", () => {
  beforeAll(() => jest.useFakeTimers());
  afterAll(() => jest.useRealTimers());

  it('without the fix re-arms itself with nothing pending (the idle wake-ups)', () => {
    const q = queue();
    q.checkPendingRequests();
    expect(q.throttleCheckTimeoutId).not.toBeNull();
    jest.advanceTimersByTime(10);
    expect(q.throttleCheckTimeoutId).not.toBeNull(); // fired and armed again
    clearTimeout(q.throttleCheckTimeoutId);
  });

  describe('with the fix', () => {
    beforeAll(() => quietIdleKafkaConnections());

    it('is not armed while nothing waits and the broker does not throttle', () => {
      const q = queue();
      q.checkPendingRequests();
      expect(q.throttleCheckTimeoutId).toBeNull();
      expect(jest.getTimerCount()).toBe(0);
    });

    it('is armed for a waiting request and sends it when the throttle ends', () => {
      const q = queue();
      const sent: number[] = [];
      q.sendSocketRequest = (r: { id: number }) => void sent.push(r.id);
      q.throttledUntil = Date.now() + 500;
      q.pending.push({ id: 7 });
      q.scheduleCheckPendingRequests();
      expect(q.throttleCheckTimeoutId).not.toBeNull();
      jest.advanceTimersByTime(499);
      expect(sent).toEqual([]);
      jest.advanceTimersByTime(20);
      expect(sent).toEqual([7]);
      expect(q.throttleCheckTimeoutId).toBeNull(); // nothing left: not armed again
    });

    it('is applied once however many clients are made', () => {
      const before = RequestQueue.prototype.scheduleCheckPendingRequests;
      quietIdleKafkaConnections();
      expect(RequestQueue.prototype.scheduleCheckPendingRequests).toBe(before);
    });
  });
});
