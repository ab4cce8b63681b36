import { Platform, type PlatformOptions } from '@mediation/test-platform';
import { freePort } from '@mediation/testing';
import { createLogger } from '@mediation/telemetry';
import { startGateway, type RunningGateway } from '../../src/app';
import { gatewayConfig } from '../../src/config';
import { json } from './gateway-harness';

export interface RealGateway {
  platform: Platform;
  gateway: RunningGateway;
  /** A development-issuer token for one of the demo users. */
  token(userId: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * The gateway in-process in front of the REAL services, started as child processes from their
 * built dist/ with this run's own databases, topics and consumer groups.
 */
export async function startRealGateway(
  name: string,
  /** The gateway's settings on top of the platform's (e.g. GRPC_TIMEOUT_MS). */
  gatewayEnv: Record<string, string> = {},
  /** More of the platform (e.g. the notification service and its SMS stand-in). */
  options: Omit<PlatformOptions, 'name'> = {},
): Promise<RealGateway> {
  const platform = await Platform.start({ ...options, name });
  let gateway: RunningGateway;
  try {
    const config = gatewayConfig.parse({
      ...platform.gatewayEnv(await freePort()),
      CONSOLE_DIR: '/nonexistent',
      ...gatewayEnv,
    });
    gateway = await startGateway(config, createLogger('gateway-test', { level: 'silent' }));
  } catch (error) {
    await platform.stop();
    throw error;
  }
  const token = async (userId: string) => {
    const res = await fetch(`${gateway.url}/api/v1/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId }),
    });
    return (await json(res)).accessToken as string;
  };
  return {
    platform,
    gateway,
    token,
    stop: async () => {
      await gateway.stop();
      await platform.stop();
    },
  };
}
