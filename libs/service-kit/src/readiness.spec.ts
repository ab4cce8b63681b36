import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  isReadinessGate,
  latched,
  readinessChecks,
  readinessGates,
  type ReadinessGate,
} from './readiness';

class Consumer implements ReadinessGate {
  readonly readinessName = 'consumer:test';
  ready = false;
  isReady(): boolean {
    return this.ready;
  }
}

const shared = new Consumer();

@Module({ providers: [{ provide: 'other', useValue: { isReady: () => true } }] })
class Inner {}

@Module({
  imports: [Inner],
  providers: [
    { provide: Consumer, useValue: shared },
    { provide: 'alias', useValue: shared },
    { provide: 'plain', useValue: 42 },
  ],
})
class App {}

describe('readiness gates', () => {
  it('are the providers with a name and isReady(), each once, found in every module', async () => {
    const app = await NestFactory.createApplicationContext(App, { logger: false });
    try {
      expect(readinessGates(app)).toEqual([shared]);
    } finally {
      await app.close();
    }
  });

  it('become health checks by name that answer what the gate says now', async () => {
    const checks = readinessChecks([shared]);
    expect(Object.keys(checks)).toEqual(['consumer:test']);
    await expect(checks['consumer:test']()).resolves.toBe(false);
    shared.ready = true;
    await expect(checks['consumer:test']()).resolves.toBe(true);
  });

  it('need both members', () => {
    expect(isReadinessGate({ isReady: () => true })).toBe(false);
    expect(isReadinessGate({ readinessName: 'x' })).toBe(false);
    expect(isReadinessGate(null)).toBe(false);
    expect(isReadinessGate(new Consumer())).toBe(true);
  });
});

describe('latched', () => {
  it('answers false until the check first holds, then true whatever the check says', () => {
    const answers = [false, true, false];
    const check = jest.fn(() => answers.shift() ?? false);
    const ready = latched(check);
    expect([ready(), ready(), ready(), ready()]).toEqual([false, true, true, true]);
    expect(check).toHaveBeenCalledTimes(2);
  });
});
