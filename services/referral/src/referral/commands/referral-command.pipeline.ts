import { Inject, Injectable, Optional } from '@nestjs/common';
import { status, type Metadata } from '@grpc/grpc-js';
import { METADATA_KEYS, type commonV1, type referralV1 } from '@mediation/contracts';
import type { OrgDirectory } from '@mediation/org-directory';
import {
  assertNotBeforeLastStep,
  commandTime,
  grpcError,
  invalidArgument,
  notFound,
  requirePrincipal,
} from '@mediation/service-kit';
import { BACKFILL_ENABLED, lastStepAt } from '../backfill';
import { actorOf } from '../access/referral-access';
import type { Transition } from '../domain/referral.events';
import type { CommandContext } from '../domain/referral.state-machine';
import type { ReferralState } from '../domain/referral.types';
import type { SlaPolicy } from '../domain/sla-policy';
import { ReferralRepository } from '../persistence/referral.repository';
import { toReferral } from '../queries/referral-view.mapper';
import { expectedVersion, toGrpcError } from '../referral.errors';
import { CLOCK, ORG_DIRECTORY, SLA_POLICY, type Clock } from '../referral.tokens';

export interface ReferralCommand {
  referralId: string;
  expectedVersion: string;
}

export interface CommandSteps {
  /** Throws PERMISSION_DENIED (no data) when the caller may not do this to this referral. */
  authorize(principal: commonV1.Principal, state: ReferralState): void;
  transition(state: ReferralState, ctx: CommandContext): Transition<ReferralState>;
}

/**
 * Every command on an existing referral, written once: who is calling -> load -> authorize ->
 * check expected_version -> transition (domain rules) -> save state, audit trail and events in
 * one optimistic write -> the referral as it is now. Errors leave nothing changed.
 */
@Injectable()
export class ReferralCommandPipeline {
  constructor(
    private readonly referrals: ReferralRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SLA_POLICY) private readonly policy: SlaPolicy,
    @Inject(ORG_DIRECTORY) private readonly directory: OrgDirectory,
    @Optional() @Inject(BACKFILL_ENABLED) private readonly backfillEnabled = false,
  ) {}

  async run(
    command: ReferralCommand,
    metadata: Metadata,
    steps: CommandSteps,
  ): Promise<referralV1.Referral> {
    const principal = requirePrincipal(metadata);
    const time = commandTime(metadata, principal, {
      backfillEnabled: this.backfillEnabled,
      clock: this.clock,
    });
    if (!command.referralId)
      throw invalidArgument([{ field: 'referral_id', description: 'required' }]);
    const version = expectedVersion(command.expectedVersion);
    try {
      const loaded = await this.referrals.load(command.referralId);
      if (!loaded) throw notFound(`referral ${command.referralId}`);
      steps.authorize(principal, loaded.state);
      if (loaded.version !== version)
        throw grpcError(
          status.ABORTED,
          `referral is at version ${loaded.version}, not ${version}: re-read and retry`,
        );
      assertNotBeforeLastStep(time, lastStepAt(loaded.state), `referral ${command.referralId}`);
      const now = time.at;
      const transition = steps.transition(loaded.state, {
        now,
        actor: actorOf(principal),
        policy: this.policy,
      });
      const saved = await this.referrals.apply(loaded, transition, now, {
        correlationId: correlationId(metadata),
        backfillWrittenAt: time.backfilled ? this.clock() : null,
      });
      return toReferral(saved, this.clock(), this.directory);
    } catch (error) {
      throw toGrpcError(error);
    }
  }
}

export function correlationId(metadata: Metadata): string | undefined {
  const value = metadata.get(METADATA_KEYS.correlationId)[0];
  return value ? value.toString() : undefined;
}
