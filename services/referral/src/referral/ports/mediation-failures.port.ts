import type { OnModuleDestroy } from '@nestjs/common';
import type { PrincipalSigner } from '@mediation/auth';
import { createGrpcClient, type GrpcClient, type GrpcClientSettings } from '@mediation/service-kit';
import { REFERRAL_SERVICE_PRINCIPAL } from './intake-cases.port';

/** The committee's own words for the desk, written with its referral request. */
export interface FailureHandover {
  summary: string;
  whatWasTried: string;
}

/**
 * The mediation as the referral service reads it (a port, so unit tests can fake it): the
 * handover a committee wrote when its mediation failed with a referral request. Events carry no
 * free text, so MediationFailed only says that there is one; this reads it.
 */
export interface MediationFailuresPort {
  /** MediationService.GetMediation as this service; rejects with the mediation's status. */
  failureHandover(
    mediationId: string,
    options?: { correlationId?: string },
  ): Promise<FailureHandover | null>;
}

/**
 * MediationService.GetMediation over gRPC at MEDIATION_GRPC_URL (GRPC_TIMEOUT_MS, retried after
 * UNAVAILABLE: a read). An absent mediation service fails the event's handling, which the
 * consumer retries: the referral waits for the committee's words rather than going without them.
 */
export class GrpcMediationFailures implements MediationFailuresPort, OnModuleDestroy {
  private readonly client: GrpcClient<'mediation'>;

  constructor(address: string, signer: PrincipalSigner, settings?: GrpcClientSettings) {
    this.client = createGrpcClient('mediation', address, { settings, signer });
  }

  async failureHandover(
    mediationId: string,
    options: { correlationId?: string } = {},
  ): Promise<FailureHandover | null> {
    const { mediation } = await this.client.call(
      'getMediation',
      { mediationId },
      { principal: REFERRAL_SERVICE_PRINCIPAL, correlationId: options.correlationId },
    );
    const failure = mediation?.failure;
    if (!failure || !(failure.referralSummary || failure.referralWhatWasTried)) return null;
    return { summary: failure.referralSummary, whatWasTried: failure.referralWhatWasTried };
  }

  /** Closes the channel with the module (after the gRPC server let its calls finish). */
  onModuleDestroy(): void {
    this.client.close();
  }
}
