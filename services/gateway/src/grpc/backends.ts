import { grpcClientSettings } from '@mediation/service-kit';
import type { GatewayConfig } from '../config';
import { BackendClient } from './backend-client';

/** The four services the gateway fronts, one typed client (one channel) each for the process. */
export class Backends {
  readonly intake: BackendClient<'intake'>;
  readonly mediation: BackendClient<'mediation'>;
  readonly referral: BackendClient<'referral'>;
  readonly statistics: BackendClient<'statistics'>;

  constructor(config: GatewayConfig) {
    const settings = grpcClientSettings(config);
    this.intake = new BackendClient('intake', config.INTAKE_GRPC_URL, settings);
    this.mediation = new BackendClient('mediation', config.MEDIATION_GRPC_URL, settings);
    this.referral = new BackendClient('referral', config.REFERRAL_GRPC_URL, settings);
    this.statistics = new BackendClient('statistics', config.STATISTICS_GRPC_URL, settings);
  }

  close(): void {
    for (const c of [this.intake, this.mediation, this.referral, this.statistics]) c.close();
  }
}
