import { mobileNumberOf } from '@mediation/contracts';
import { InvalidInputError } from '@mediation/domain-kit';

/** The request's mobile, or INVALID_ARGUMENT naming the field. */
export function requireMobile(typed: string): string {
  const mobile = mobileNumberOf(typed);
  if (!mobile)
    throw new InvalidInputError('mobile', 'must be a mainland mobile number (11 digits)');
  return mobile;
}
