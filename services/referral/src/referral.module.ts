import { Module, type DynamicModule } from '@nestjs/common';
import { InfrastructureModule } from '@mediation/service-kit';
import type { ReferralConfig } from './config';

@Module({})
export class ReferralModule {
  static forRoot(config: ReferralConfig): DynamicModule {
    return {
      module: ReferralModule,
      imports: [InfrastructureModule.forRoot(config)],
    };
  }
}
