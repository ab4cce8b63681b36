import { EventEmitter } from 'node:events';
import type { Response } from 'express';
import { commonV1, EVENT_TYPES } from '@mediation/contracts';
import type { BusEvent } from '@mediation/event-bus';
import { orgDirectory } from '@mediation/org-directory';
import { demoUsers } from '../auth/demo-users';
import { openChangeStream } from '../stream/case-changes.controller';
import { mayWatch, shortStatus, toRoutedChange } from './case-change';
import { CaseChangeHub } from './case-change-hub';

const directory = orgDirectory();
const users = Object.fromEntries(demoUsers(directory).map((u) => [u.id, u.claims]));
const ROLE: Record<string, commonV1.Role> = {
  VOLUNTEER: commonV1.Role.ROLE_VOLUNTEER,
  MEDIATOR: commonV1.Role.ROLE_MEDIATOR,
  COMMITTEE_ADMIN: commonV1.Role.ROLE_COMMITTEE_ADMIN,
  STATIONED_LAWYER: commonV1.Role.ROLE_STATIONED_LAWYER,
  ANALYST: commonV1.Role.ROLE_ANALYST,
  ADMINISTRATOR: commonV1.Role.ROLE_ADMINISTRATOR,
};
const principal = (id: string): commonV1.Principal =>
  commonV1.Principal.fromPartial({
    subject: users[id].sub,
    roles: users[id].roles.map((r) => ROLE[r]),
    orgUnitCode: users[id].org_unit_code ?? '',
    deskCode: users[id].desk_code ?? '',
  });

const event = (
  type: string,
  orgUnitCode: string,
  payload: Uint8Array = new Uint8Array(),
): BusEvent => ({
  eventId: 'e1',
  eventType: type,
  source: '/test',
  occurredAt: new Date('2026-11-20T00:00:00Z'),
  aggregateType: 'mediation.mediation',
  aggregateId: 'c1',
  sequence: 1,
  orgUnitCode,
  caseId: 'c1',
  correlationId: '',
  causationId: '',
  payload,
});

it('names each event by a short status', () => {
  expect(shortStatus('mediation.intake.v1.CaseOpened')).toBe('OPENED');
  expect(shortStatus('mediation.mediation.v1.MediationAccepted')).toBe('ACCEPTED');
  expect(shortStatus('mediation.mediation.v1.AgreementReached')).toBe('AGREEMENT_REACHED');
  expect(shortStatus('mediation.referral.v1.ReferralClaimed')).toBe('REFERRAL_CLAIMED');
});

it('lets the subtree, the desk and administrators watch, and nobody else', () => {
  const point = users.volunteer.org_unit_code!;
  const atPoint = toRoutedChange(event(EVENT_TYPES.MediationAccepted.type, point));
  expect(mayWatch(principal('volunteer'), atPoint, directory)).toBe(true);
  expect(mayWatch(principal('mediator'), atPoint, directory)).toBe(true);
  expect(mayWatch(principal('committee-admin'), atPoint, directory)).toBe(true);
  expect(mayWatch(principal('administrator'), atPoint, directory)).toBe(true);
  expect(mayWatch(principal('mediator-elsewhere'), atPoint, directory)).toBe(false);
  expect(mayWatch(principal('analyst'), atPoint, directory)).toBe(false);
  expect(mayWatch(principal('lawyer'), atPoint, directory)).toBe(false);

  const desk = users.lawyer.desk_code!;
  const referral = toRoutedChange(
    event(
      EVENT_TYPES.ReferralRerouted.type,
      '',
      EVENT_TYPES.ReferralRerouted.encode(
        EVENT_TYPES.ReferralRerouted.create({
          context: { desk: { code: 'OTHER-DESK' } },
          fromDesk: { code: desk },
        }),
      ),
    ),
  );
  expect(referral.deskCodes).toEqual(['OTHER-DESK', desk]);
  expect(mayWatch(principal('lawyer'), referral, directory)).toBe(true);
  expect(mayWatch(principal('volunteer'), referral, directory)).toBe(false);
});

/** A response whose socket is full until drain() is called. */
class SlowResponse extends EventEmitter {
  written: string[] = [];
  full = false;
  ended = false;
  status() {
    return this;
  }
  setHeader() {}
  flushHeaders() {}
  write(chunk: string) {
    this.written.push(chunk);
    return !this.full;
  }
  end() {
    this.ended = true;
  }
  drain() {
    this.full = false;
    this.emit('drain');
  }
}

it('queues while the socket is full, drops past the limit with one resync, and unsubscribes on close', () => {
  const hub = new CaseChangeHub(
    { KAFKA_BROKERS: [], CASE_CHANGES_TOPICS: [], CASE_CHANGES_GROUP_PREFIX: 'test' },
    directory,
    { warn: () => undefined, info: () => undefined } as never,
  );
  const res = new SlowResponse();
  openChangeStream(res as unknown as Response, hub, {
    principal: principal('administrator'),
    keepAliveMs: 60_000,
    maxQueued: 2,
  });
  expect(hub.watcherCount).toBe(1);
  const point = users.volunteer.org_unit_code!;
  res.full = true;
  hub.publish(event(EVENT_TYPES.CaseOpened.type, point)); // written, socket now full
  const before = res.written.length;
  hub.publish(event(EVENT_TYPES.CaseAmended.type, point)); // queued
  hub.publish(event(EVENT_TYPES.CaseAmended.type, point)); // queued
  hub.publish(event(EVENT_TYPES.CaseAmended.type, point)); // over the limit: all dropped
  expect(res.written.length).toBe(before);
  res.drain();
  expect(res.written.slice(before)).toEqual([`event: resync\ndata: {"dropped":3}\n\n`]);
  hub.publish(event(EVENT_TYPES.CaseWithdrawn.type, point));
  expect(res.written.at(-1)).toContain('"status":"WITHDRAWN"');
  res.emit('close');
  expect(res.ended).toBe(true);
  expect(hub.watcherCount).toBe(0);
});

it('tells every open stream to resync, in the order of its other events', () => {
  const hub = new CaseChangeHub(
    { KAFKA_BROKERS: [], CASE_CHANGES_TOPICS: [], CASE_CHANGES_GROUP_PREFIX: 'test' },
    directory,
    { warn: () => undefined, info: () => undefined } as never,
  );
  const streams = [new SlowResponse(), new SlowResponse()];
  for (const res of streams)
    openChangeStream(res as unknown as Response, hub, {
      principal: principal('administrator'),
      keepAliveMs: 60_000,
      maxQueued: 2,
    });
  const point = users.volunteer.org_unit_code!;
  hub.publish(event(EVENT_TYPES.CaseOpened.type, point));
  hub.resyncAll('rejoined');
  for (const res of streams) {
    expect(res.written.at(-2)).toContain('event: change');
    expect(res.written.at(-1)).toBe(`event: resync\ndata: {"reason":"rejoined"}\n\n`);
    res.emit('close');
  }
});
