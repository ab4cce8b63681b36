import { principalTokensFor } from '@mediation/auth';
import { grpcClientSettings } from '@mediation/service-kit';
import type { GatewayConfig } from '../config';
import { BackendClient } from './backend-client';

/** The services the gateway fronts, one typed client (one channel) each for the process. */
export class Backends {
  readonly intake: BackendClient<'intake'>;
  readonly mediation: BackendClient<'mediation'>;
  readonly referral: BackendClient<'referral'>;
  readonly statistics: BackendClient<'statistics'>;
  readonly notification: BackendClient<'notification'>;

  constructor(config: GatewayConfig) {
    const settings = grpcClientSettings(config);
    // Each call carries its caller's principal signed by the gateway for that service alone.
    const { signer } = principalTokensFor(config, 'gateway');
    this.intake = new BackendClient('intake', config.INTAKE_GRPC_URL, settings, signer);
    this.mediation = new BackendClient('mediation', config.MEDIATION_GRPC_URL, settings, signer);
    this.referral = new BackendClient('referral', config.REFERRAL_GRPC_URL, settings, signer);
    this.statistics = new BackendClient('statistics', config.STATISTICS_GRPC_URL, settings, signer);
    this.notification = new BackendClient(
      'notification',
      config.NOTIFICATION_GRPC_URL,
      settings,
      signer,
    );
  }

  close(): void {
    for (const c of [
      this.intake,
      this.mediation,
      this.referral,
      this.statistics,
      this.notification,
    ])
      c.close();
  }
}
