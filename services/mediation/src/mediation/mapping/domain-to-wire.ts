import {
  commonV1,
  enumNumber,
  mediationV1,
  toTimestamp,
  type NumericEnum,
  type Timestamp,
} from '@mediation/contracts';
import type { Actor } from '../domain';

/** Keys whose string values are domain names of contract enums, wherever they appear in events. */
const EVENT_ENUMS: Record<string, [NumericEnum, string]> = {
  kind: [mediationV1.DeadlineKind, 'DEADLINE_KIND_'],
  form: [mediationV1.AgreementForm, 'AGREEMENT_FORM_'],
  role: [mediationV1.MediatorRole, 'MEDIATOR_ROLE_'],
  outcome: [mediationV1.ClosureOutcome, 'CLOSURE_OUTCOME_'],
  finalStatus: [mediationV1.MediationStatus, 'MEDIATION_STATUS_'],
  status: [mediationV1.PerformanceStatus, 'PERFORMANCE_STATUS_'],
  result: [mediationV1.JudicialConfirmationResult, 'JUDICIAL_CONFIRMATION_RESULT_'],
  suggestedAction: [mediationV1.SuggestedAction, 'SUGGESTED_ACTION_'],
  subject: [mediationV1.ConsentSubject, 'CONSENT_SUBJECT_'],
  refusalReason: [mediationV1.ConfirmationRefusalReason, 'CONFIRMATION_REFUSAL_REASON_'],
  answer: [mediationV1.SessionAnswer, 'SESSION_ANSWER_'],
};

/**
 * Turns domain values into what ts-proto's fromPartial takes: Dates into Timestamps, domain enum
 * names into numbers (by key, see EVENT_ENUMS), null kept as null.
 */
export function toWire(value: unknown, key = '', enums = EVENT_ENUMS): unknown {
  if (value instanceof Date) return toTimestamp(value);
  if (Array.isArray(value)) return value.map((v) => toWire(v, key, enums));
  if (typeof value === 'string' && enums[key])
    return enumNumber(enums[key][0], enums[key][1], value);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toWire(v, k, enums)]));
  }
  return value;
}

/** Dates only: for the state, whose enum-named keys need context (see the view mapper). */
export const datesToWire = (value: unknown) => toWire(value, '', {});

export function ts(date: Date | null | undefined): Timestamp | null {
  return date ? toTimestamp(date) : null;
}

export function actorRef(actor: Actor | null | undefined): commonV1.ActorRef {
  return {
    subject: actor?.subject ?? '',
    role: actor?.role ?? 0,
    orgUnitCode: actor?.orgUnitCode ?? '',
    displayName: actor?.displayName ?? '',
  };
}
