import path from 'node:path';

/** Set by global-setup.ts for the workers: the gateway in front of this run's services. */
export const GATEWAY_URL_ENV = 'BROWSER_TEST_GATEWAY_URL';

/** The run's artifacts (README): every page's screenshot by name, the services' logs under logs/. */
export const RESULTS = path.resolve(__dirname, '../../../test-results/browser');
