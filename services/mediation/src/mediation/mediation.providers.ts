/** The org directory as a provider, so tests and services share one instance per process. */
export const ORG_DIRECTORY = Symbol('ORG_DIRECTORY');
