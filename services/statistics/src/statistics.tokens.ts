/** Nest injection tokens of the statistics service's own providers. */
export const ROLLUP_SOURCES = Symbol('ROLLUP_SOURCES');
export const ALERT_MODEL = Symbol('ALERT_MODEL');
export const ALERT_RELAY = Symbol('ALERT_RELAY');
export const ORG_DIRECTORY = Symbol('ORG_DIRECTORY');
export const STATISTICS_CONFIG = Symbol('STATISTICS_CONFIG');
export const READ_CONNECTION = Symbol('READ_CONNECTION');
