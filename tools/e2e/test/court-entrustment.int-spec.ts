import { Platform } from '@mediation/test-platform';
import { courtEntrustmentJourney } from '../src/court-entrustment';

// Journey 3 (tools/e2e/src/court-entrustment.ts) on the plain local wiring; the secure profile's
// suite walks the same journey over mutual TLS and SASL_SSL Kafka with ACLs.
let platform: Platform;

beforeAll(async () => {
  platform = await Platform.start({ name: 'e2e' });
}, 90_000);
afterAll(() => platform?.stop(), 30_000);

it('opens an entrusted case in intake, mediates it to agreement and reports back to the court', () =>
  platform.journey(() => courtEntrustmentJourney(platform)));
