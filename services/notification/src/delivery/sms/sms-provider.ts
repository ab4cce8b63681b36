/**
 * The one way the notification service sends a text message. An adapter per provider implements
 * it (aliyun-sms.provider.ts: Alibaba Cloud SMS's SendSms API).
 *
 * Providers send registered templates, not free text: `template` is the provider's template code
 * and `params` fill its variables. `reference` is our delivery's id, echoed back by the provider
 * (Alibaba's OutId) so that a delivery report can be matched.
 */
export interface SmsMessage {
  /** A mainland mobile number, 11 digits. */
  phone: string;
  template: string;
  params: Readonly<Record<string, string>>;
  reference: string;
}

/**
 * - `sent`: the provider took it;
 * - `rejected`: the provider refused it and will refuse it again (bad number, unknown template,
 *   missing parameter, number blocked): never retried;
 * - `failed`: it did not reach the provider or the provider said to try later (network refused,
 *   5xx, flow control): retried with backoff;
 * - `unknown`: the request may have reached the provider but no answer came back (a timeout after
 *   sending). Not retried, because a retry could send the message twice.
 */
export type SmsResult =
  | { kind: 'sent'; providerMessageId: string }
  | { kind: 'rejected'; code: string; reason: string }
  | { kind: 'failed'; code: string; reason: string }
  | { kind: 'unknown'; code: string; reason: string };

export interface SmsProvider {
  send(message: SmsMessage): Promise<SmsResult>;
}
