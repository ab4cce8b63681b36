import type { Metadata } from '@grpc/grpc-js';
import { Controller, Inject } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import type { intakeV1 } from '@mediation/contracts';
import { handleCall } from '../../call-context';
import { OpenCaseHandler } from './open-case.handler';

@Controller()
export class OpenCaseController {
  constructor(@Inject(OpenCaseHandler) private readonly handler: OpenCaseHandler) {}

  @GrpcMethod('IntakeService', 'OpenCase')
  openCase(req: intakeV1.OpenCaseRequest, metadata: Metadata): Promise<intakeV1.OpenCaseResponse> {
    return handleCall(metadata, (ctx) => this.handler.execute(req, ctx.principal, ctx));
  }
}
