import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { OutboxRelay } from '@mediation/persistence';
import { CaseEventsConsumer } from './events/case-events.consumer';
import { SlaPoller } from './sla/sla-poller';
import { INTAKE_CASES } from './referral.tokens';
import type { IntakeCasesPort } from './ports/intake-cases.port';

/**
 * Starts the background parts once the gRPC server is up (the relay, the event consumer, the SLA
 * poller) and stops them first on shutdown, before the infrastructure closes the connections.
 */
@Injectable()
export class ReferralRuntime implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(
    private readonly relay: OutboxRelay,
    private readonly consumer: CaseEventsConsumer,
    private readonly poller: SlaPoller,
    @Inject(INTAKE_CASES) private readonly intake: IntakeCasesPort,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.relay.start();
    this.poller.start();
    await this.consumer.start();
  }

  async onModuleDestroy(): Promise<void> {
    // Quick ones first: leaving the consumer group can wait out a long fetch (seconds).
    await this.poller.stop();
    await this.relay.stop();
    this.intake.close?.();
    await this.consumer.stop().catch(() => undefined);
  }
}
