import type { OnModuleDestroy } from '@nestjs/common';
import { servicePrincipal, type PrincipalSigner } from '@mediation/auth';
import type { intakeV1 } from '@mediation/contracts';
import { createGrpcClient, type GrpcClient, type GrpcClientSettings } from '@mediation/service-kit';

/**
 * Intake as the referral service uses it (a port, so unit tests can fake it): opening a case for
 * an entrusted matter, and reading a case its events have not brought here yet.
 */
export interface IntakeCasesPort {
  openCase(
    request: intakeV1.OpenCaseRequest,
    /** recordedAt: the backfill time of the entrustment, relayed as x-recorded-at. */
    options?: { correlationId?: string; recordedAt?: Date },
  ): Promise<intakeV1.OpenCaseResponse>;
  /** IntakeService.GetCase as this service; rejects with intake's status (NOT_FOUND: no such case). */
  getCase(caseId: string, options?: { correlationId?: string }): Promise<intakeV1.GetCaseResponse>;
}

/**
 * The referral service acting on its own behalf, signed with its own key: intake and mediation
 * show it case data as any service sees it, with parties' personal data masked.
 */
export const REFERRAL_SERVICE_PRINCIPAL = servicePrincipal('referral');

/**
 * IntakeService.OpenCase and GetCase over gRPC at INTAKE_GRPC_URL, with GRPC_TIMEOUT_MS as their
 * deadline and retried after UNAVAILABLE (safe: GetCase is a read, and OpenCase's idempotency key
 * makes a repeat return the first case). A stalled or absent intake fails with DEADLINE_EXCEEDED or
 * UNAVAILABLE.
 */
export class GrpcIntakeCases implements IntakeCasesPort, OnModuleDestroy {
  private readonly client: GrpcClient<'intake'>;

  constructor(address: string, signer: PrincipalSigner, settings?: GrpcClientSettings) {
    this.client = createGrpcClient('intake', address, { settings, signer });
  }

  openCase(
    request: intakeV1.OpenCaseRequest,
    options: { correlationId?: string; recordedAt?: Date } = {},
  ): Promise<intakeV1.OpenCaseResponse> {
    return this.client.call('openCase', request, {
      principal: REFERRAL_SERVICE_PRINCIPAL,
      correlationId: options.correlationId,
      recordedAt: options.recordedAt,
    });
  }

  getCase(
    caseId: string,
    options: { correlationId?: string } = {},
  ): Promise<intakeV1.GetCaseResponse> {
    return this.client.call(
      'getCase',
      { caseId },
      { principal: REFERRAL_SERVICE_PRINCIPAL, correlationId: options.correlationId },
    );
  }

  /** Closes the channel with the module (after the gRPC server let its calls finish). */
  onModuleDestroy(): void {
    this.client.close();
  }
}
