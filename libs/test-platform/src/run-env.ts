import { TOPICS, type GrpcServiceKey } from '@mediation/contracts';
import { testS3 } from '@mediation/testing';

export type Env = Record<string, string>;
export type RunTopics = Record<keyof typeof TOPICS, string>;

/** The four backend services, in the order they are started. */
export const BACKEND_SERVICES: readonly GrpcServiceKey[] = Object.freeze([
  'intake',
  'mediation',
  'referral',
  'statistics',
]);

/** The platform's topics prefixed with the run's name, or the platform's own with `own` false. */
export function runTopics(run: string, own = true): RunTopics {
  return Object.fromEntries(
    Object.entries(TOPICS).map(([key, topic]) => [key, own ? `${run}.${topic}` : topic]),
  ) as RunTopics;
}

/** One database per service, named after the run. */
export const databaseOf = (run: string, service: GrpcServiceKey) => `${run}-${service}`;

export interface RunLayout {
  run: string;
  topics: RunTopics;
  /** host:port of every service started. */
  addresses: Partial<Record<GrpcServiceKey, string>>;
  brokers: string[];
  mongoUrl: string;
  logLevel: string;
  /** This run's own files. */
  scratchDir: string;
}

/** The topics of case events (intake, mediation, referral), as a comma-separated list. */
const caseEventTopics = (topics: RunTopics) =>
  [topics.intakeCaseEvents, topics.mediationEvents, topics.referralEvents].join(',');

/** What both the services and the gateway are told: where the others are, and the logs' level. */
function common(layout: RunLayout): Env {
  return {
    LOG_LEVEL: layout.logLevel,
    METRICS_PORT: '0',
    KAFKA_BROKERS: layout.brokers.join(','),
    ...Object.fromEntries(
      Object.entries(layout.addresses).map(([s, a]) => [
        `${s.toUpperCase()}_GRPC_URL`,
        a as string,
      ]),
    ),
  };
}

/** What every service of the run shares: servers, topics, consumer groups, short polls. */
export function sharedServiceEnv(layout: RunLayout): Env {
  const { run, topics } = layout;
  return {
    ...common(layout),
    NODE_ENV: 'test',
    MONGO_URL: layout.mongoUrl,
    OUTBOX_POLL_INTERVAL_MS: '200',
    // Short polls so that timers and SLAs are looked at within a test's patience.
    DEADLINE_POLL_INTERVAL_MS: '1000',
    REFERRAL_SLA_POLL_MS: '1000',
    INTAKE_EVENTS_TOPIC: topics.intakeCaseEvents,
    MEDIATION_EVENTS_TOPIC: topics.mediationEvents,
    REFERRAL_EVENTS_TOPIC: topics.referralEvents,
    STATISTICS_TOPICS: [caseEventTopics(topics), topics.notificationEvents].join(','),
    STATISTICS_ALERTS_TOPIC: topics.statisticsAlerts,
    NOTIFICATION_EVENTS_TOPIC: topics.notificationEvents,
    MEDIATION_CONSUMER_GROUP: `${run}-mediation`,
    REFERRAL_CONSUMER_GROUP: `${run}-referral`,
    STATISTICS_CONSUMER_GROUP: `${run}-statistics`,
    NOTIFICATION_CONSUMER_GROUP: `${run}-notification`,
    NOTIFY_POLL_INTERVAL_MS: '500',
    // Intake's case view reads the run's three topics (above) in its own group.
    CASE_VIEW_CONSUMER_GROUP: `${run}-case-view`,
    CASE_VIEW_GENERATION_POLL_MS: '1000',
  };
}

/**
 * One service's own settings: its name, port, database, and for intake the documents, in the
 * local stack's S3-compatible store under the run's name (as the chart keeps them).
 */
export function ownServiceEnv(layout: RunLayout, service: GrpcServiceKey, port: number): Env {
  return {
    SERVICE_NAME: service,
    GRPC_PORT: String(port),
    MONGO_DB: databaseOf(layout.run, service),
    ...(service === 'intake'
      ? { DOCUMENT_STORE: 's3', DOCUMENT_S3_PREFIX: `${layout.run}/`, ...testS3() }
      : {}),
  };
}

/**
 * A gateway in front of this run's services: their addresses, and the run's topics for the live
 * case-change stream with a consumer group prefix of the run's own. (The dev issuer signs tokens
 * outside production.)
 */
export function gatewayEnv(layout: RunLayout, httpPort: number): Env {
  const { run, topics } = layout;
  return {
    ...common(layout),
    NODE_ENV: 'development',
    SERVICE_NAME: 'gateway',
    HTTP_PORT: String(httpPort),
    HTTP_HOST: '127.0.0.1',
    CASE_CHANGES_TOPICS: caseEventTopics(topics),
    CASE_CHANGES_GROUP_PREFIX: `${run}.gateway`,
  };
}
