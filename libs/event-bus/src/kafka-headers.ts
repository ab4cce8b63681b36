import type { KafkaHeaders } from '@mediation/telemetry';

/** A header's value as a string, whether kafkajs delivered a Buffer, a string or a list. */
export function headerString(headers: KafkaHeaders | undefined, name: string): string | undefined {
  const v = headers?.[name];
  const first = Array.isArray(v) ? v[0] : v;
  return first === undefined ? undefined : first.toString();
}
