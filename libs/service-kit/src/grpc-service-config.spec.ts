import { grpcClientEnv } from '@mediation/config';
import { grpcClientSettings, retriedMethods, serviceConfig } from './grpc-service-config';

const settings = (env: Record<string, string> = {}) => grpcClientSettings(grpcClientEnv.parse(env));

it('reads the GRPC_* settings with their defaults', () => {
  expect(settings()).toEqual({
    timeoutMs: 10_000,
    retry: { maxAttempts: 3, initialBackoffMs: 100, maxBackoffMs: 2_000 },
    keepalive: { timeMs: 30_000, timeoutMs: 10_000 },
  });
  expect(settings({ GRPC_TIMEOUT_MS: '2500', GRPC_RETRY_MAX_ATTEMPTS: '5' })).toMatchObject({
    timeoutMs: 2_500,
    retry: { maxAttempts: 5 },
  });
  expect(() => settings({ GRPC_RETRY_MAX_ATTEMPTS: '6' })).toThrow();
  expect(() => settings({ GRPC_TIMEOUT_MS: '0' })).toThrow();
});

it('retries reads and keyed or versioned commands, never AttachDocument, Rebuild or an audit write', () => {
  expect(retriedMethods('intake')).toEqual([
    'AmendCase',
    'GetCase',
    'GetCaseTimeline',
    'GetDocument',
    'GetPartyContacts',
    'ListCases',
    'ListDocuments',
    'ListReadAudit',
    'OpenCase',
    'WithdrawCase',
  ]);
  expect(retriedMethods('intake')).not.toContain('RebuildCaseViews');
  expect(retriedMethods('intake')).not.toContain('RecordDownload');
  expect(retriedMethods('statistics')).not.toContain('Rebuild');
  expect(retriedMethods('statistics')).not.toContain('WatchSummary');
  expect(retriedMethods('referral')).toContain('EntrustCase');
});

it('balances round robin and retries only UNAVAILABLE, with the configured back-off', () => {
  expect(serviceConfig('intake', settings())).toEqual({
    loadBalancingConfig: [{ round_robin: {} }],
    methodConfig: [
      {
        name: retriedMethods('intake').map((method) => ({
          service: 'mediation.intake.v1.IntakeService',
          method,
        })),
        retryPolicy: {
          maxAttempts: 3,
          initialBackoff: '0.100s',
          maxBackoff: '2.000s',
          backoffMultiplier: 2,
          retryableStatusCodes: ['UNAVAILABLE'],
        },
      },
    ],
  });
  expect(serviceConfig('intake', settings({ GRPC_RETRY_MAX_ATTEMPTS: '1' }))).toEqual({
    loadBalancingConfig: [{ round_robin: {} }],
    methodConfig: [],
  });
});
