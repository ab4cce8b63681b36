import { normalisePhone } from '@mediation/contracts';
import { InvalidInputError } from '@mediation/domain-kit';

/** A mainland mobile as people type it (spaces, dashes, +86 allowed): 11 digits, or undefined. */
export function mobileOf(typed: string): string | undefined {
  const phone = normalisePhone(typed.replace(/-/g, ''));
  return phone?.kind === 'mobile' ? phone.value : undefined;
}

/** The request's mobile, or INVALID_ARGUMENT naming the field. */
export function requireMobile(typed: string): string {
  const mobile = mobileOf(typed);
  if (!mobile)
    throw new InvalidInputError('mobile', 'must be a mainland mobile number (11 digits)');
  return mobile;
}
