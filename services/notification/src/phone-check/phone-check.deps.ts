import { commonV1 } from '@mediation/contracts';
import { NotPermittedError } from '@mediation/domain-kit';
import type { SmsProvider } from '../delivery/sms/sms-provider';
import type { SmsTemplates } from '../notice/templates/sms-templates';
import type { Clock } from '../notification.tokens';
import type { PhoneCheckRepository } from './persistence/phone-check.repository';

export const PHONE_CHECK_DEPS = Symbol('PHONE_CHECK_DEPS');

/** What the phone-check commands work with. */
export interface PhoneCheckDeps {
  checks: PhoneCheckRepository;
  sms: SmsProvider;
  templates: SmsTemplates;
  /** The key of the numbers' and codes' HMACs (PHONE_CHECK_KEY). */
  secret: string;
  clock: Clock;
}

/**
 * The one caller of the phone checks: the gateway as itself (service:gateway, ROLE_SERVICE alone),
 * for the party app's sign-in. PERMISSION_DENIED for anyone else.
 */
export function assertGatewayCall(principal: commonV1.Principal): void {
  if (
    principal.subject !== 'service:gateway' ||
    principal.roles.length !== 1 ||
    principal.roles[0] !== commonV1.Role.ROLE_SERVICE
  )
    throw new NotPermittedError();
}
