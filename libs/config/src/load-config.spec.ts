import { baseEnv, ConfigError, kafkaEnv, loadConfig, mongoEnv } from './index';

const schema = baseEnv.merge(kafkaEnv).merge(mongoEnv);

describe('loadConfig', () => {
  it('parses, coerces and applies defaults', () => {
    const cfg = loadConfig(schema, {
      SERVICE_NAME: 'intake',
      GRPC_PORT: '7051',
      MONGO_DB: 'intake',
      KAFKA_BROKERS: '127.0.0.1:9092, kafka-1:9092',
    });
    expect(cfg.GRPC_PORT).toBe(7051);
    expect(cfg.KAFKA_BROKERS).toEqual(['127.0.0.1:9092', 'kafka-1:9092']);
    expect(cfg.LOG_LEVEL).toBe('info');
    expect(cfg.MONGO_URL).toBe('mongodb://127.0.0.1:27017');
  });

  it('gives every store connection deadlines, by default or as configured', () => {
    const base = { SERVICE_NAME: 'intake', GRPC_PORT: '7051', MONGO_DB: 'intake' };
    expect(loadConfig(schema, base)).toMatchObject({
      MONGO_SERVER_SELECTION_TIMEOUT_MS: 5_000,
      MONGO_SOCKET_TIMEOUT_MS: 30_000,
      MONGO_MAX_TIME_MS: 15_000,
    });
    expect(
      loadConfig(schema, {
        ...base,
        MONGO_SERVER_SELECTION_TIMEOUT_MS: '2000',
        MONGO_SOCKET_TIMEOUT_MS: '0',
        MONGO_MAX_TIME_MS: '500',
      }),
    ).toMatchObject({
      MONGO_SERVER_SELECTION_TIMEOUT_MS: 2_000,
      MONGO_SOCKET_TIMEOUT_MS: 0,
      MONGO_MAX_TIME_MS: 500,
    });
    expect(() => loadConfig(schema, { ...base, MONGO_SERVER_SELECTION_TIMEOUT_MS: '0' })).toThrow(
      /MONGO_SERVER_SELECTION_TIMEOUT_MS/,
    );
  });

  it('reports every problem by variable name in one error', () => {
    let error: unknown;
    try {
      loadConfig(schema, { GRPC_PORT: '70000', MONGO_DB: 'x', KAFKA_BROKERS: 'no-port' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/SERVICE_NAME: .*not set/);
    expect(problems).toMatch(/GRPC_PORT: .*"70000"/);
    expect(problems).toMatch(/KAFKA_BROKERS: expected host:port/);
  });

  it('never prints secret values', () => {
    expect(() =>
      loadConfig(schema, {
        SERVICE_NAME: 's',
        GRPC_PORT: '1',
        MONGO_DB: 'x',
        MONGO_URL: 'postgres://u:pw@h',
      }),
    ).toThrow(/MONGO_URL: .*<redacted>/);
  });
});
