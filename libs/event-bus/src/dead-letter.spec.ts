import { DLT_HEADERS } from '@mediation/contracts';
import { deadLetterMessage } from './dead-letter';
import { headerString } from './kafka-headers';

describe('headerString', () => {
  it('reads header values whether Buffer, string or list', () => {
    expect(headerString({ a: Buffer.from('x'), b: 'y', c: [Buffer.from('z')] }, 'a')).toBe('x');
    expect(headerString({ b: 'y' }, 'b')).toBe('y');
    expect(headerString({ c: [Buffer.from('z')] }, 'c')).toBe('z');
    expect(headerString({}, 'missing')).toBeUndefined();
  });
});

describe('dead letters', () => {
  it('keeps the original message and adds the error and its origin', () => {
    const message = deadLetterMessage(
      {
        raw: {
          topic: 't.v1',
          partition: 2,
          offset: '17',
          key: Buffer.from('k'),
          value: Buffer.from('v'),
          headers: { ce_id: 'x' },
        },
        error: new TypeError('bad field'),
        attempts: 5,
      },
      'statistics',
    );
    expect(message.key?.toString()).toBe('k');
    expect(message.value?.toString()).toBe('v');
    expect(message.headers).toMatchObject({
      ce_id: 'x',
      [DLT_HEADERS.originalTopic]: 't.v1',
      [DLT_HEADERS.originalPartition]: '2',
      [DLT_HEADERS.originalOffset]: '17',
      [DLT_HEADERS.consumerGroup]: 'statistics',
      [DLT_HEADERS.errorClass]: 'TypeError',
      [DLT_HEADERS.error]: 'bad field',
      [DLT_HEADERS.attempts]: '5',
    });
  });
});
