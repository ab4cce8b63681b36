import { normalisePhone } from '@mediation/contracts';

/** A mainland mobile as people type it (spaces, dashes, +86 allowed): 11 digits, or undefined. */
export function mobileOf(typed: string): string | undefined {
  const phone = normalisePhone(typed.replace(/-/g, ''));
  return phone?.kind === 'mobile' ? phone.value : undefined;
}
