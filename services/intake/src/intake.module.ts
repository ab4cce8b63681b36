import { Module, type DynamicModule } from '@nestjs/common';
import { InfrastructureModule } from '@mediation/service-kit';
import type { IntakeConfig } from './config';

@Module({})
export class IntakeModule {
  static forRoot(config: IntakeConfig): DynamicModule {
    return {
      module: IntakeModule,
      imports: [InfrastructureModule.forRoot(config)],
    };
  }
}
