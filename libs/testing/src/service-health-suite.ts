import { freePort, grpcHealthStatus } from './grpc-health';
import { testMongoUrl, uniqueName } from './test-infra';

interface StartedService {
  stop(): Promise<void>;
  health: { drain(): void };
}

/**
 * The health contract every platform service keeps, as a jest suite: it boots against the real
 * servers, reports SERVING overall and for its gRPC service, and on draining turns NOT_SERVING
 * while "liveness" stays SERVING.
 */
export function describeServiceHealth(
  name: string,
  grpcServiceName: string,
  start: (env: {
    GRPC_PORT: string;
    MONGO_URL: string;
    MONGO_DB: string;
  }) => Promise<StartedService>,
): void {
  describe(`${name} health`, () => {
    let service: StartedService;
    let address: string;

    beforeAll(async () => {
      const port = await freePort();
      address = `127.0.0.1:${port}`;
      service = await start({
        GRPC_PORT: String(port),
        MONGO_URL: testMongoUrl(),
        MONGO_DB: uniqueName(name),
      });
    });

    afterAll(() => service?.stop());

    it('is SERVING overall and for its own gRPC service', async () => {
      expect(await grpcHealthStatus(address)).toBe('SERVING');
      expect(await grpcHealthStatus(address, grpcServiceName)).toBe('SERVING');
    });

    it('turns NOT_SERVING when it starts draining, while liveness stays SERVING', async () => {
      service.health.drain();
      expect(await grpcHealthStatus(address)).toBe('NOT_SERVING');
      expect(await grpcHealthStatus(address, 'liveness')).toBe('SERVING');
    });
  });
}
