// A stand-in for IntakeService.OpenCase (intake is built in parallel): a real grpc-js server on
// a free port, loaded from proto/ with the platform's loader options, that records every call.
import { randomUUID } from 'node:crypto';
import {
  type Deadline,
  loadPackageDefinition,
  Server,
  ServerCredentials,
  status,
  type Metadata,
  type ServerUnaryCall,
  type sendUnaryData,
} from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import {
  commonV1,
  getPrincipal,
  GRPC_LOADER_OPTIONS,
  GRPC_SERVICES,
  intakeV1,
} from '@mediation/contracts';
import { orgDirectory } from '@mediation/org-directory';
import { freePort } from '@mediation/testing';
import { devPrincipalTokens } from '@mediation/auth';
import { principalAuthInterceptor } from '@mediation/service-kit';

export interface OpenCaseCall {
  request: intakeV1.OpenCaseRequest;
  principal: commonV1.Principal | undefined;
  /** How long the caller's deadline had left when the call arrived (Infinity: none). */
  deadlineMs: number;
}

const LEVELS: Record<string, number> = {
  CITY: 1,
  DISTRICT: 2,
  STREET: 3,
  COMMUNITY: 4,
  INDUSTRY: 6,
};

export class FakeIntake {
  readonly calls: OpenCaseCall[] = [];
  /** While true, OpenCase is recorded and never answered (the caller's deadline ends it). */
  stalled = false;
  private readonly byKey = new Map<string, intakeV1.Case>();
  private constructor(
    private readonly server: Server,
    readonly address: string,
  ) {}

  static async start(): Promise<FakeIntake> {
    const definition = loadSync([...GRPC_SERVICES.intake.protoFiles], { ...GRPC_LOADER_OPTIONS });
    let node: unknown = loadPackageDefinition(definition);
    for (const part of GRPC_SERVICES.intake.fullName.split('.'))
      node = (node as Record<string, unknown>)[part];
    const service = (node as { service: never }).service;
    // Authenticates like intake: referral's own signed principal, for intake.
    const server = new Server({
      interceptors: [principalAuthInterceptor(devPrincipalTokens('intake').verifier)],
    });
    const address = `127.0.0.1:${await freePort()}`;
    const fake = new FakeIntake(server, address);
    server.addService(service, {
      openCase: (
        call: ServerUnaryCall<intakeV1.OpenCaseRequest, intakeV1.OpenCaseResponse>,
        callback: sendUnaryData<intakeV1.OpenCaseResponse>,
      ) => fake.openCase(call.request, call.metadata, call.getDeadline(), callback),
    });
    await new Promise<void>((resolve, reject) =>
      server.bindAsync(address, ServerCredentials.createInsecure(), (err) =>
        err ? reject(err) : resolve(),
      ),
    );
    return fake;
  }

  private openCase(
    request: intakeV1.OpenCaseRequest,
    metadata: Metadata,
    deadline: Deadline,
    callback: sendUnaryData<intakeV1.OpenCaseResponse>,
  ): void {
    const deadlineMs = deadline === Infinity ? Infinity : +deadline - Date.now();
    this.calls.push({ request, principal: getPrincipal(metadata), deadlineMs });
    if (this.stalled) return;
    const known = this.byKey.get(request.idempotencyKey);
    if (known) return callback(null, { case: known, replayed: true });
    const unit = orgDirectory().lookup(request.orgUnitCode);
    if (!unit) return callback({ code: status.INVALID_ARGUMENT, details: 'unknown org unit' });
    const committee = orgDirectory().committeeFor(request.orgUnitCode);
    const opened = intakeV1.Case.fromPartial({
      caseId: randomUUID(),
      caseNumber: `（2026）${committee.shortName}调字第${String(this.byKey.size + 1).padStart(5, '0')}号`,
      status: intakeV1.CaseStatus.CASE_STATUS_REGISTERED,
      version: '1',
      source: request.source,
      channel: request.channel,
      referringInstitution: request.referringInstitution ?? undefined,
      externalReference: request.externalReference,
      referralId: request.referralId,
      orgUnit: { code: request.orgUnitCode },
      committee: {
        code: committee.id,
        orgUnitCode: committee.orgUnitCode,
        level: LEVELS[committee.level] ?? 0,
      },
      category: request.category,
      entrustedTermDueAt: request.entrustedTermDueAt ?? undefined,
    });
    this.byKey.set(request.idempotencyKey, opened);
    callback(null, { case: opened, replayed: false });
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.tryShutdown(() => resolve()));
  }
}
