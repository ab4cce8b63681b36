import { Module, type DynamicModule } from '@nestjs/common';
import { InfrastructureModule } from '@mediation/service-kit';
import type { MediationConfig } from './config';

@Module({})
export class MediationModule {
  static forRoot(config: MediationConfig): DynamicModule {
    return {
      module: MediationModule,
      imports: [InfrastructureModule.forRoot(config)],
    };
  }
}
