/**
 * A rule of the referral's life cycle was broken. `code` says how the edge should answer:
 * the state does not allow the step (FAILED_PRECONDITION) or the request is malformed
 * (INVALID_ARGUMENT). The domain never decides about gRPC itself.
 */
export class ReferralRuleError extends Error {
  constructor(
    readonly code: 'FAILED_PRECONDITION' | 'INVALID_ARGUMENT' | 'PERMISSION_DENIED',
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ReferralRuleError';
  }
}

export const notAllowed = (message: string) =>
  new ReferralRuleError('FAILED_PRECONDITION', message);
export const invalid = (field: string, message: string) =>
  new ReferralRuleError('INVALID_ARGUMENT', message, field);
export const forbidden = (message: string) => new ReferralRuleError('PERMISSION_DENIED', message);
