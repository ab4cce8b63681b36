import type { GatewayConfig } from '../config';
import { BackendClient } from './backend-client';

/** The four services the gateway fronts, one client (one channel) each for the process. */
export class Backends {
  readonly intake: BackendClient;
  readonly mediation: BackendClient;
  readonly referral: BackendClient;
  readonly statistics: BackendClient;

  constructor(config: GatewayConfig) {
    const t = config.GRPC_TIMEOUT_MS;
    this.intake = new BackendClient('intake', config.INTAKE_GRPC_URL, t);
    this.mediation = new BackendClient('mediation', config.MEDIATION_GRPC_URL, t);
    this.referral = new BackendClient('referral', config.REFERRAL_GRPC_URL, t);
    this.statistics = new BackendClient('statistics', config.STATISTICS_GRPC_URL, t);
  }

  all(): BackendClient[] {
    return [this.intake, this.mediation, this.referral, this.statistics];
  }

  close(): void {
    for (const c of this.all()) c.close();
  }
}
