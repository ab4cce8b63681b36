import { Module, type DynamicModule } from '@nestjs/common';
import { InfrastructureModule } from '@mediation/service-kit';
import type { StatisticsConfig } from './config';

@Module({})
export class StatisticsModule {
  static forRoot(config: StatisticsConfig): DynamicModule {
    return {
      module: StatisticsModule,
      imports: [InfrastructureModule.forRoot(config)],
    };
  }
}
