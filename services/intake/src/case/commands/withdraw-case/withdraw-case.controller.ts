import type { Metadata } from '@grpc/grpc-js';
import { Controller, Inject } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import type { intakeV1 } from '@mediation/contracts';
import { handleCall } from '../../call-context';
import { WithdrawCaseHandler } from './withdraw-case.handler';

@Controller()
export class WithdrawCaseController {
  constructor(@Inject(WithdrawCaseHandler) private readonly handler: WithdrawCaseHandler) {}

  @GrpcMethod('IntakeService', 'WithdrawCase')
  withdrawCase(
    req: intakeV1.WithdrawCaseRequest,
    metadata: Metadata,
  ): Promise<intakeV1.WithdrawCaseResponse> {
    return handleCall(metadata, (ctx) => this.handler.execute(req, ctx));
  }
}
