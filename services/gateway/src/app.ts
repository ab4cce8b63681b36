import 'reflect-metadata';
import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { APP_GUARD, NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import * as fs from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRemoteJWKSet } from 'jose';
import { orgDirectory, OrgDirectory } from '@mediation/org-directory';
import { grpcTls, NestPinoLogger } from '@mediation/service-kit';
import { createLogger, type Logger } from '@mediation/telemetry';
import { CaseViewsAdminController } from './admin/case-views.controller';
import { ReadAuditController } from './audit/read-audit.controller';
import { InboxController } from './inbox/inbox.controller';
import { NotificationsController } from './notifications/notifications.controller';
import { PartyController } from './party/party.controller';
import { PartySessions } from './party/party-sessions';
import { AuthGuard } from './auth/auth.guard';
import { demoUsers } from './auth/demo-users';
import { DevIssuer } from './auth/dev-issuer';
import { DEV_ISSUER_ON, SignInController } from './auth/sign-in.controller';
import { discoveredKeys, TokenVerifier } from './auth/token-verifier';
import { CasesController } from './cases/cases.controller';
import { CommitteesController } from './committees/committees.controller';
import { CaseChangeHub } from './changes/case-change-hub';
import { apiDocsEnabled, DEV_ISSUER, type GatewayConfig } from './config';
import { DEMO_USERS, DevAuthController } from './dev/dev-auth.controller';
import { GATEWAY_CONFIG, GATEWAY_LOGGER } from './gateway.tokens';
import { Backends } from './grpc/backends';
import { HealthProbe } from './grpc/health-probe';
import { HealthController, MetricsController } from './health/health.controller';
import { RateLimits } from './http/rate-limits';
import { requestIdMiddleware } from './http/request-id.middleware';
import { accessLog, securityHeaders, spaFallback } from './http/web-middleware';
import { MediationController } from './mediation/mediation.controller';
import { HttpMetrics } from './metrics/http-metrics';
import { setupOpenApi } from './openapi/openapi';
import { verifyJsonBody } from './validation/strict-json';
import { ProblemFilter } from './problems/problem.filter';
import { ReferralsController } from './referrals/referrals.controller';
import { StatisticsController } from './statistics/statistics.controller';
import { SummaryStreamController } from './stream/summary-stream.controller';
import { CaseChangesController } from './stream/case-changes.controller';

export interface RunningGateway {
  app: NestExpressApplication;
  /** http://host:port of the listening server. */
  url: string;
  devIssuer?: DevIssuer;
  stop(): Promise<void>;
}

@Module({})
class GatewayModule {
  static create(config: GatewayConfig, providers: Provider[], dev: boolean): DynamicModule {
    return {
      module: GatewayModule,
      controllers: [
        HealthController,
        SignInController,
        // /metrics on the HTTP port only while it has no port of its own (development).
        ...(config.METRICS_PORT === 0 ? [MetricsController] : []),
        CasesController,
        ReadAuditController,
        CaseViewsAdminController,
        MediationController,
        CommitteesController,
        ReferralsController,
        StatisticsController,
        NotificationsController,
        InboxController,
        PartyController,
        SummaryStreamController,
        CaseChangesController,
        ...(dev ? [DevAuthController] : []),
      ],
      providers: [
        ...providers,
        // Authentication with the rate limits (per user; per address without a valid token).
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
    };
  }
}

/** Builds and starts the gateway; tests call this in-process with a free port. */
export async function startGateway(
  config: GatewayConfig,
  log: Logger = createLogger('gateway'),
): Promise<RunningGateway> {
  const directory = orgDirectory();
  const devIssuer =
    !config.JWKS_URL && !config.OIDC_ISSUER_URL && config.NODE_ENV !== 'production'
      ? await DevIssuer.create(
          config.JWT_ISSUER ?? DEV_ISSUER,
          config.JWT_AUDIENCE,
          config.DEV_TOKEN_TTL_SECONDS,
        )
      : undefined;
  const verifier =
    config.JWKS_URL || config.OIDC_ISSUER_URL
      ? new TokenVerifier({
          keys: config.JWKS_URL
            ? createRemoteJWKSet(new URL(config.JWKS_URL))
            : discoveredKeys(config.OIDC_ISSUER_URL!),
          issuer: (config.JWT_ISSUER ?? config.OIDC_ISSUER_URL)!,
          audience: config.JWT_AUDIENCE,
          directory,
          // The provider's ID tokens are signed with the same keys and name the console (the
          // audience by default): with OIDC, only its access tokens (at+jwt) unless told otherwise.
          typ: config.JWT_TYP ?? (config.OIDC_ISSUER_URL ? 'at+jwt' : undefined),
        })
      : new TokenVerifier({
          keys: devIssuer!.keySet(),
          issuer: devIssuer!.issuer,
          directory,
          audience: config.JWT_AUDIENCE,
        });
  const backends = new Backends(config);
  const probe = new HealthProbe(
    {
      intake: config.INTAKE_GRPC_URL,
      mediation: config.MEDIATION_GRPC_URL,
      referral: config.REFERRAL_GRPC_URL,
      statistics: config.STATISTICS_GRPC_URL,
    },
    grpcTls(config),
  );
  const metrics = new HttpMetrics();
  const changes = new CaseChangeHub(config, directory, log);
  const providers: Provider[] = [
    { provide: GATEWAY_CONFIG, useValue: config },
    { provide: GATEWAY_LOGGER, useValue: log },
    { provide: OrgDirectory, useValue: directory },
    { provide: Backends, useValue: backends },
    { provide: HealthProbe, useValue: probe },
    { provide: HttpMetrics, useValue: metrics },
    { provide: CaseChangeHub, useValue: changes },
    { provide: TokenVerifier, useValue: verifier },
    { provide: RateLimits, useValue: new RateLimits(config) },
    {
      provide: PartySessions,
      useValue: new PartySessions(config.PARTY_SESSION_KEY, config.PARTY_SESSION_TTL_SECONDS),
    },
    { provide: DEV_ISSUER_ON, useValue: !!devIssuer },
    ...(devIssuer
      ? [
          { provide: DevIssuer, useValue: devIssuer },
          { provide: DEMO_USERS, useValue: demoUsers(directory) },
        ]
      : []),
  ];

  const app = await NestFactory.create<NestExpressApplication>(
    GatewayModule.create(config, providers, !!devIssuer),
    { logger: new NestPinoLogger(log), bodyParser: true },
  );
  // Strict JSON: valid UTF-8, no duplicate, $-prefixed, dotted or object-machinery keys.
  app.useBodyParser('json', { limit: '5mb', verify: verifyJsonBody });
  app.disable('x-powered-by');
  // The client's address (rate limits, logs) through the proxies TRUST_PROXY names.
  app.set('trust proxy', config.TRUST_PROXY);
  app.use(requestIdMiddleware, securityHeaders, accessLog(log), metrics.middleware);
  app.enableCors({
    origin: config.CORS_ORIGINS.length ? config.CORS_ORIGINS : false,
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['authorization', 'content-type', 'x-request-id'],
    exposedHeaders: ['x-request-id', 'content-disposition'],
    maxAge: 600,
  });
  app.useGlobalFilters(new ProblemFilter(log));
  if (fs.existsSync(config.CONSOLE_DIR)) {
    app.useStaticAssets(config.CONSOLE_DIR, { index: false, maxAge: '1h' });
    app.use(spaFallback(config.CONSOLE_DIR));
  }
  // No enableShutdownHooks: runService's signal handler calls stop() below, which ends the change
  // streams before closing Nest (Nest's own handler would close it first and re-raise the signal).
  if (apiDocsEnabled(config)) setupOpenApi(app);
  await app.listen(config.HTTP_PORT, config.HTTP_HOST);
  const metricsServer = config.METRICS_PORT ? await serveMetrics(metrics, config) : undefined;
  // In the background: Kafka being away (or topics missing) must not keep the API from serving.
  changes.start();
  const server = app.getHttpServer() as Server;
  const address = server.address() as { port: number };
  const host = config.HTTP_HOST === '0.0.0.0' ? '127.0.0.1' : config.HTTP_HOST;
  log.info(
    { port: address.port, devIssuer: !!devIssuer, console: fs.existsSync(config.CONSOLE_DIR) },
    'gateway listening',
  );

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      const timeout = new Promise<void>((r) => setTimeout(r, config.SHUTDOWN_TIMEOUT_MS).unref());
      server.closeIdleConnections?.();
      // Ends the open change streams, so that closing the server need not wait for them.
      await Promise.race([changes.stop(), timeout]);
      await Promise.race([app.close(), timeout]);
      server.closeAllConnections?.();
      metricsServer?.close();
      backends.close();
      probe.close();
      log.info('gateway stopped');
    })());
  return { app, url: `http://${host}:${address.port}`, devIssuer, stop };
}

/** /metrics on METRICS_PORT, apart from the API (the scraper reaches it; the ingress does not). */
async function serveMetrics(
  metrics: HttpMetrics,
  config: Pick<GatewayConfig, 'METRICS_PORT' | 'HTTP_HOST'>,
): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
    res.end(metrics.render());
  });
  await new Promise<void>((resolve) =>
    server.listen(config.METRICS_PORT, config.HTTP_HOST, resolve),
  );
  return server;
}
