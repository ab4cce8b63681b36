import type { Metadata } from '@grpc/grpc-js';
import { Controller, Inject } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import type { intakeV1 } from '@mediation/contracts';
import { handleCall } from '../../call-context';
import { GetCaseHandler } from './get-case.handler';

@Controller()
export class GetCaseController {
  constructor(@Inject(GetCaseHandler) private readonly handler: GetCaseHandler) {}

  @GrpcMethod('IntakeService', 'GetCase')
  getCase(req: intakeV1.GetCaseRequest, metadata: Metadata): Promise<intakeV1.GetCaseResponse> {
    return handleCall(metadata, (ctx) => this.handler.execute(req, ctx));
  }
}
