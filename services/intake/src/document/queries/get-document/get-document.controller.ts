import type { Metadata } from '@grpc/grpc-js';
import { Controller, Inject } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import type { intakeV1 } from '@mediation/contracts';
import { handleCall } from '../../../case/call-context';
import { GetDocumentHandler } from './get-document.handler';

@Controller()
export class GetDocumentController {
  constructor(@Inject(GetDocumentHandler) private readonly handler: GetDocumentHandler) {}

  @GrpcMethod('IntakeService', 'GetDocument')
  getDocument(
    req: intakeV1.GetDocumentRequest,
    metadata: Metadata,
  ): Promise<intakeV1.GetDocumentResponse> {
    return handleCall(metadata, (ctx) => this.handler.execute(req, ctx));
  }
}
