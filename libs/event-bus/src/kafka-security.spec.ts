import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { kafkaSecurity, KafkaSecurityError } from './kafka-security';

describe('kafkaSecurity', () => {
  it('adds nothing for a plaintext broker', () => {
    expect(kafkaSecurity({ KAFKA_SSL: false })).toEqual({});
  });

  it('turns on TLS with the system CAs, or with a CA bundle of its own', () => {
    expect(kafkaSecurity({ KAFKA_SSL: true })).toEqual({ ssl: true });
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'ca-')), 'ca.pem');
    writeFileSync(file, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    expect(kafkaSecurity({ KAFKA_SSL: true, KAFKA_SSL_CA_FILE: file })).toEqual({
      ssl: { ca: ['-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n'] },
    });
  });

  it('passes SASL credentials with their mechanism', () => {
    expect(
      kafkaSecurity({
        KAFKA_SSL: true,
        KAFKA_SASL_MECHANISM: 'scram-sha-512',
        KAFKA_SASL_USERNAME: 'intake',
        KAFKA_SASL_PASSWORD: 's3cret',
      }),
    ).toEqual({
      ssl: true,
      sasl: { mechanism: 'scram-sha-512', username: 'intake', password: 's3cret' },
    });
  });

  it('refuses settings that do not fit together, naming what is missing', () => {
    expect(() => kafkaSecurity({ KAFKA_SSL: false, KAFKA_SSL_CA_FILE: '/ca.pem' })).toThrow(
      new KafkaSecurityError('KAFKA_SSL_CA_FILE is set but KAFKA_SSL is not true'),
    );
    expect(() =>
      kafkaSecurity({ KAFKA_SSL: true, KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'x' }),
    ).toThrow('KAFKA_SASL_MECHANISM needs KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD');
    expect(() => kafkaSecurity({ KAFKA_SSL: true, KAFKA_SASL_USERNAME: 'x' })).toThrow(
      'KAFKA_SASL_USERNAME and _PASSWORD need KAFKA_SASL_MECHANISM',
    );
  });
});
