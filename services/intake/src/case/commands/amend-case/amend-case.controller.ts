import type { Metadata } from '@grpc/grpc-js';
import { Controller, Inject } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import type { intakeV1 } from '@mediation/contracts';
import { handleCall } from '../../call-context';
import { AmendCaseHandler } from './amend-case.handler';

@Controller()
export class AmendCaseController {
  constructor(@Inject(AmendCaseHandler) private readonly handler: AmendCaseHandler) {}

  @GrpcMethod('IntakeService', 'AmendCase')
  amendCase(
    req: intakeV1.AmendCaseRequest,
    metadata: Metadata,
  ): Promise<intakeV1.AmendCaseResponse> {
    return handleCall(metadata, (ctx) => this.handler.execute(req, ctx));
  }
}
