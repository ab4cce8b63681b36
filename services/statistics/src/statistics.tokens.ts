/** Nest injection tokens of the statistics service's own providers. */
export const QUERY_CONTEXT = Symbol('QUERY_CONTEXT');
export const ALERT_MODEL = Symbol('ALERT_MODEL');
export const ALERT_RELAY = Symbol('ALERT_RELAY');
export const ORG_DIRECTORY = Symbol('ORG_DIRECTORY');
export const STATISTICS_CONFIG = Symbol('STATISTICS_CONFIG');
export const READ_CONNECTION = Symbol('READ_CONNECTION');
