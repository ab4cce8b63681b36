import type { Metadata } from '@grpc/grpc-js';
import { Controller, Inject } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import type { intakeV1 } from '@mediation/contracts';
import { handleCall } from '../../../case/call-context';
import { ListDocumentsHandler } from './list-documents.handler';

@Controller()
export class ListDocumentsController {
  constructor(@Inject(ListDocumentsHandler) private readonly handler: ListDocumentsHandler) {}

  @GrpcMethod('IntakeService', 'ListDocuments')
  listDocuments(
    req: intakeV1.ListDocumentsRequest,
    metadata: Metadata,
  ): Promise<intakeV1.ListDocumentsResponse> {
    return handleCall(metadata, (ctx) => this.handler.execute(req, ctx));
  }
}
