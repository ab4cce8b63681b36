import type { Producer } from 'kafkajs';
import { deadLetterTopic, DLT_HEADERS } from '@mediation/contracts';
import type { DeadLetter } from './message-processor';

/**
 * The dead-letter record keeps the original key, value and headers untouched and adds what went
 * wrong, so the message can be inspected and replayed to its topic after a fix.
 */
export function deadLetterMessage(letter: DeadLetter, group: string) {
  const { raw, error, attempts } = letter;
  return {
    key: raw.key,
    value: raw.value,
    headers: {
      ...raw.headers,
      [DLT_HEADERS.originalTopic]: raw.topic,
      [DLT_HEADERS.originalPartition]: String(raw.partition),
      [DLT_HEADERS.originalOffset]: raw.offset,
      [DLT_HEADERS.consumerGroup]: group,
      [DLT_HEADERS.errorClass]: error.name,
      [DLT_HEADERS.error]: error.message.slice(0, 2_000),
      [DLT_HEADERS.attempts]: String(attempts),
      [DLT_HEADERS.failedAt]: new Date().toISOString(),
    },
  };
}

export async function sendToDeadLetter(producer: Producer, letter: DeadLetter, group: string) {
  await producer.send({
    topic: deadLetterTopic(letter.raw.topic),
    acks: -1,
    messages: [deadLetterMessage(letter, group)],
  });
}
