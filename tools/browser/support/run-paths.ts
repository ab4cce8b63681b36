import path from 'node:path';

/** Set by global-setup.ts for the workers: the gateway in front of this run's services. */
export const GATEWAY_URL_ENV = 'BROWSER_TEST_GATEWAY_URL';
/** Also set by global-setup.ts: the SMS stand-in's log, where the parties' texts arrive. */
export const SMS_LOG_ENV = 'BROWSER_TEST_SMS_LOG';

/**
 * Also set by global-setup.ts: a second gateway in front of the same services that signs people
 * in through the local OIDC provider (tools/oidc), and that provider's issuer URL.
 */
export const OIDC_GATEWAY_URL_ENV = 'BROWSER_TEST_OIDC_GATEWAY_URL';
export const OIDC_ISSUER_ENV = 'BROWSER_TEST_OIDC_ISSUER';
/** The provider's lifetimes in this run: short, so that refreshing and its end are seen. */
export const OIDC_ACCESS_TOKEN_TTL_SECONDS = 12;
export const OIDC_REFRESH_TOKEN_TTL_SECONDS = 30;

/** The run's artifacts (README): every page's screenshot by name, the services' logs under logs/. */
export const RESULTS = path.resolve(__dirname, '../../../test-results/browser');
