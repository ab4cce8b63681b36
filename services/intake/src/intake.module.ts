import { Module, type DynamicModule } from '@nestjs/common';
import { InfrastructureModule } from '@mediation/service-kit';
import { caseProviders } from './case/case.providers';
import { AmendCaseController } from './case/commands/amend-case/amend-case.controller';
import { WithdrawCaseController } from './case/commands/withdraw-case/withdraw-case.controller';
import { OpenCaseController } from './case/commands/open-case/open-case.controller';
import { GetCaseController } from './case/queries/get-case/get-case.controller';
import { ListCasesController } from './case/queries/list-cases/list-cases.controller';
import type { IntakeConfig } from './config';
import { AttachDocumentController } from './document/commands/attach-document/attach-document.controller';
import { documentProviders } from './document/document.providers';
import { GetDocumentController } from './document/queries/get-document/get-document.controller';
import { ListDocumentsController } from './document/queries/list-documents/list-documents.controller';

@Module({})
export class IntakeModule {
  static forRoot(config: IntakeConfig): DynamicModule {
    return {
      module: IntakeModule,
      imports: [InfrastructureModule.forRoot(config)],
      controllers: [
        OpenCaseController,
        GetCaseController,
        ListCasesController,
        AmendCaseController,
        WithdrawCaseController,
        AttachDocumentController,
        ListDocumentsController,
        GetDocumentController,
      ],
      providers: [...caseProviders(config), ...documentProviders(config)],
    };
  }
}
