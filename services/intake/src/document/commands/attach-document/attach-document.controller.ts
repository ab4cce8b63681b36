import type { Metadata } from '@grpc/grpc-js';
import { Controller, Inject } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import type { intakeV1 } from '@mediation/contracts';
import { handleCall } from '../../../case/call-context';
import { AttachDocumentHandler } from './attach-document.handler';

@Controller()
export class AttachDocumentController {
  constructor(@Inject(AttachDocumentHandler) private readonly handler: AttachDocumentHandler) {}

  @GrpcMethod('IntakeService', 'AttachDocument')
  attachDocument(
    req: intakeV1.AttachDocumentRequest,
    metadata: Metadata,
  ): Promise<intakeV1.AttachDocumentResponse> {
    return handleCall(metadata, (ctx) => this.handler.execute(req, ctx));
  }
}
