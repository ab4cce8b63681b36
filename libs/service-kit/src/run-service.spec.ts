import { baseEnv } from '@mediation/config';
import { runService } from './run-service';

describe('runService', () => {
  it('stops with exit code 1 and names every bad variable when the configuration is invalid', async () => {
    const exit = jest.spyOn(process, 'exit').mockImplementation(((code: number) => {
      throw new Error(`exit ${code}`);
    }) as never);
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const start = jest.fn();
    const saved = { ...process.env };
    delete process.env.SERVICE_NAME;
    process.env.GRPC_PORT = 'not-a-port';
    try {
      await expect(runService({ name: 'demo', config: baseEnv, start })).rejects.toThrow('exit 1');
      const message = stderr.mock.calls.map((c) => String(c[0])).join('');
      expect(message).toMatch(/^demo: Invalid configuration/);
      expect(message).toMatch(/SERVICE_NAME: .*not set/);
      expect(message).toMatch(/GRPC_PORT: .*"not-a-port"/);
      expect(start).not.toHaveBeenCalled();
    } finally {
      process.env = saved;
      exit.mockRestore();
      stderr.mockRestore();
    }
  });
});
