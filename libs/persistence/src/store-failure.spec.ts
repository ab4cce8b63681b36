import { storeFailure } from './store-failure';

const named = (name: string, extra: object = {}) =>
  Object.assign(new Error('x'), { name, ...extra });

describe('storeFailure', () => {
  it('tells an unreachable store and a query past its time from other errors', () => {
    expect(storeFailure(named('MongoServerSelectionError'))).toBe('unavailable');
    expect(storeFailure(named('MongoNetworkTimeoutError'))).toBe('unavailable');
    expect(storeFailure(named('MongoServerError', { code: 50 }))).toBe('timeout');
    expect(storeFailure(named('MongoServerError', { code: 11000 }))).toBeUndefined();
    expect(storeFailure(new Error('boom'))).toBeUndefined();
    expect(storeFailure(undefined)).toBeUndefined();
  });
});
