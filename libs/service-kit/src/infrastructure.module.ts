import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { Connection } from 'mongoose';
import {
  createKafka,
  EventPublisher,
  kafkaSecurity,
  PUBLISH_RETRY,
  type KafkaSecuritySettings,
} from '@mediation/event-bus';
import { connectMongo } from '@mediation/persistence';

export const MONGO_CONNECTION = Symbol('MONGO_CONNECTION');
export const KAFKA = Symbol('KAFKA');

export interface InfrastructureConfig extends KafkaSecuritySettings {
  SERVICE_NAME: string;
  MONGO_URL: string;
  MONGO_DB: string;
  /** Store deadlines (libs/config mongoEnv); connectMongo's defaults when absent. */
  MONGO_SERVER_SELECTION_TIMEOUT_MS?: number;
  MONGO_SOCKET_TIMEOUT_MS?: number;
  MONGO_MAX_TIME_MS?: number;
  KAFKA_BROKERS: string[];
  KAFKA_CLIENT_ID?: string;
}

/** Closes what the module opened, after the gRPC server stopped taking calls. */
class InfrastructureLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(MONGO_CONNECTION) private readonly connection: Connection,
    @Inject(EventPublisher) private readonly publisher: EventPublisher,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.publisher.disconnect().catch(() => undefined);
    await this.connection.close();
  }
}

/**
 * The service's own MongoDB database, its Kafka client and its event publisher, as Nest
 * providers (the same for every service, so each service module only declares its domain).
 */
@Module({})
export class InfrastructureModule {
  static forRoot(config: InfrastructureConfig): DynamicModule {
    return {
      module: InfrastructureModule,
      global: true,
      providers: [
        {
          provide: MONGO_CONNECTION,
          useFactory: () =>
            connectMongo({
              url: config.MONGO_URL,
              dbName: config.MONGO_DB,
              serverSelectionTimeoutMs: config.MONGO_SERVER_SELECTION_TIMEOUT_MS,
              socketTimeoutMs: config.MONGO_SOCKET_TIMEOUT_MS,
              maxTimeMs: config.MONGO_MAX_TIME_MS,
            }),
        },
        {
          provide: KAFKA,
          useFactory: () =>
            createKafka({
              brokers: config.KAFKA_BROKERS,
              clientId: config.KAFKA_CLIENT_ID ?? config.SERVICE_NAME,
              ...kafkaSecurity(config),
            }),
        },
        {
          // Its own client, with short retries: a send fails within about a second while the
          // broker is away, and the outbox relay tries again within 2 s (OutboxRelay).
          provide: EventPublisher,
          useFactory: () =>
            new EventPublisher(
              createKafka({
                brokers: config.KAFKA_BROKERS,
                clientId: config.KAFKA_CLIENT_ID ?? config.SERVICE_NAME,
                ...kafkaSecurity(config),
                retry: PUBLISH_RETRY,
              }),
            ),
        },
        InfrastructureLifecycle,
      ],
      exports: [MONGO_CONNECTION, KAFKA, EventPublisher],
    };
  }
}
