import { GRPC_SERVICES } from '@mediation/contracts';
import { LIVENESS_SERVICE, type RunningService } from '@mediation/service-kit';
import { freePort, grpcHealthStatus, testMongoUrl, uniqueName } from '@mediation/testing';
import { startMediation } from '../src/app';
import { mediationConfig } from '../src/config';

// The service boots against the real servers and reports itself through grpc.health.v1.
let service: RunningService;
let address: string;

beforeAll(async () => {
  const port = await freePort();
  address = `127.0.0.1:${port}`;
  const config = mediationConfig.parse({
    GRPC_PORT: String(port),
    MONGO_URL: testMongoUrl(),
    MONGO_DB: uniqueName('mediation'),
  });
  service = await startMediation(config);
});

afterAll(() => service?.stop());

it('is SERVING overall and for its own gRPC service', async () => {
  expect(await grpcHealthStatus(address)).toBe('SERVING');
  expect(await grpcHealthStatus(address, GRPC_SERVICES.mediation.fullName)).toBe('SERVING');
});

it('turns NOT_SERVING when it starts draining, while liveness stays SERVING', async () => {
  service.health.drain();
  expect(await grpcHealthStatus(address)).toBe('NOT_SERVING');
  expect(await grpcHealthStatus(address, LIVENESS_SERVICE)).toBe('SERVING');
});
