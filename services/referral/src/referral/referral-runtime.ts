import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { OutboxRelay } from '@mediation/persistence';
import { SlaPoller } from './sla/sla-poller';
import { INTAKE_CASES } from './referral.tokens';
import type { IntakeCasesPort } from './ports/intake-cases.port';

/**
 * Starts the background parts once the gRPC server is up (the relay and the SLA poller; the event
 * consumer is a BackgroundConsumer of its own) and stops them first on shutdown, before the
 * infrastructure closes the connections.
 */
@Injectable()
export class ReferralRuntime implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(
    private readonly relay: OutboxRelay,
    private readonly poller: SlaPoller,
    @Inject(INTAKE_CASES) private readonly intake: IntakeCasesPort,
  ) {}

  onApplicationBootstrap(): void {
    this.relay.start();
    this.poller.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.poller.stop();
    await this.relay.stop();
    this.intake.close?.();
  }
}
