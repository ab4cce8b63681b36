import { commonV1 } from '@mediation/contracts';
import type { OrgDirectory } from '@mediation/org-directory';
import { Platform, type Env } from '@mediation/test-platform';
import type { Addresses } from '../src/loader';

// What the backfill specs share: the services from their build output with this run's
// databases, topics and consumer groups and backfill switched on (SEED_OUTBOX_POLL_MS sets their
// outbox poll, 200 ms by default; backfill off on request), an administrator to read with, and the loader's addresses.

export function startSeedPlatform(name: string, backfill = true): Promise<Platform> {
  const outboxPoll: Env = process.env.SEED_OUTBOX_POLL_MS
    ? { OUTBOX_POLL_INTERVAL_MS: process.env.SEED_OUTBOX_POLL_MS }
    : {};
  return Platform.start({
    name,
    env: { ...outboxPoll, ...(backfill ? { BACKFILL_ENABLED: 'true' } : {}) },
  });
}

export const adminOf = (dir: OrgDirectory) =>
  commonV1.Principal.fromPartial({
    subject: 'test-admin',
    roles: [commonV1.Role.ROLE_ADMINISTRATOR],
    orgUnitCode: dir.city.code,
  });

export const loaderAddresses = (services: Platform): Addresses => ({
  intake: services.addresses.intake,
  mediation: services.addresses.mediation,
  referral: services.addresses.referral,
});
