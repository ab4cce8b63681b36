import { commonV1, type intakeV1 } from '@mediation/contracts';
import { PlatformGrpcClient } from '@mediation/service-kit';

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
  close?(): void;
}

/** The referral service acting on its own behalf towards intake. */
export const REFERRAL_SERVICE_PRINCIPAL = commonV1.Principal.fromPartial({
  subject: 'service:referral',
  roles: [commonV1.Role.ROLE_SERVICE],
});

/** IntakeService.OpenCase and GetCase over gRPC at INTAKE_GRPC_URL. */
export class GrpcIntakeCases implements IntakeCasesPort {
  private readonly client: PlatformGrpcClient;

  constructor(address: string) {
    this.client = new PlatformGrpcClient('intake', address);
  }

  openCase(
    request: intakeV1.OpenCaseRequest,
    options: { correlationId?: string; recordedAt?: Date } = {},
  ): Promise<intakeV1.OpenCaseResponse> {
    return this.client.call<intakeV1.OpenCaseResponse>('openCase', request, {
      principal: REFERRAL_SERVICE_PRINCIPAL,
      correlationId: options.correlationId,
      recordedAt: options.recordedAt,
    });
  }

  getCase(
    caseId: string,
    options: { correlationId?: string } = {},
  ): Promise<intakeV1.GetCaseResponse> {
    return this.client.call<intakeV1.GetCaseResponse>(
      'getCase',
      { caseId },
      { principal: REFERRAL_SERVICE_PRINCIPAL, correlationId: options.correlationId },
    );
  }

  close(): void {
    this.client.close();
  }
}
