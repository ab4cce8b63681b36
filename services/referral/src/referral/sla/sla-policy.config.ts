import type { ReferralConfig } from '../../config';
import type { SlaPolicy } from '../domain/sla-policy';
import { WorkingCalendar } from '../domain/working-calendar';

/** The SLA policy the service's configuration sets: its working calendar and its terms. */
export function slaPolicyOf(config: ReferralConfig): SlaPolicy {
  return {
    calendar: new WorkingCalendar({
      holidays: config.REFERRAL_HOLIDAYS,
      extraWorkdays: config.REFERRAL_EXTRA_WORKDAYS,
      utcOffsetMinutes: config.REFERRAL_UTC_OFFSET_MINUTES,
    }),
    acceptWorkingDays: config.REFERRAL_ACCEPT_WORKING_DAYS,
    outcomeWorkingDays: config.REFERRAL_OUTCOME_WORKING_DAYS,
    entrustedTermDays: config.REFERRAL_ENTRUSTED_TERM_DAYS,
  };
}
