// Nest injection tokens of the referral service.
export const REFERRAL_CONFIG = Symbol('REFERRAL_CONFIG');
/** `() => Date`: injectable so that tests can move time (SLA deadlines). */
export const CLOCK = Symbol('CLOCK');
export const ORG_DIRECTORY = Symbol('ORG_DIRECTORY');
export const SLA_POLICY = Symbol('SLA_POLICY');
export const INTAKE_CASES = Symbol('INTAKE_CASES');

export type Clock = () => Date;
