import type { Metadata } from '@grpc/grpc-js';
import { Controller, Inject } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import type { intakeV1 } from '@mediation/contracts';
import { handleCall } from '../../call-context';
import { ListCasesHandler } from './list-cases.handler';

@Controller()
export class ListCasesController {
  constructor(@Inject(ListCasesHandler) private readonly handler: ListCasesHandler) {}

  @GrpcMethod('IntakeService', 'ListCases')
  listCases(
    req: intakeV1.ListCasesRequest,
    metadata: Metadata,
  ): Promise<intakeV1.ListCasesResponse> {
    return handleCall(metadata, (ctx) => this.handler.execute(req, ctx));
  }
}
