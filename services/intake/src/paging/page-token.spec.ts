import { decodePageToken, encodePageToken } from './page-token';

describe('page tokens', () => {
  it('round-trips the sort key', () => {
    const cursor = {
      at: new Date(1_790_000_000_123),
      id: '4bf92f35-77b3-4da6-a3ce-929d0e0e4736',
    };
    expect(decodePageToken(encodePageToken(cursor))).toEqual(cursor);
  });

  it.each([
    'garbage',
    Buffer.from('{"$gt":""}').toString('base64url'),
    Buffer.from('[1,"x"]').toString('base64url'),
  ])('rejects a token it did not make: %s', (token) => {
    expect(decodePageToken(token)).toBeUndefined();
  });
});
