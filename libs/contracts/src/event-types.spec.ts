import * as protobuf from 'protobufjs';
import { normalise } from '../test/normalise';
import { loadProtoRoot, reachableTypes, sampleMessage } from '../test/proto-reflection';
import { CE_HEADERS, cloudEventHeaders, EVENT_CONTENT_TYPE } from './cloud-events';
import {
  ALL_EVENT_TYPES,
  decodePayload,
  encodePayload,
  EVENT_TYPE_PATTERN,
  EVENT_TYPES,
  eventTypesOnTopic,
  findEventType,
  getEventType,
  UnknownEventTypeError,
} from './event-types';
import { createEnvelope, decodeEnvelope, decodeEvent, encodeEnvelope } from './event-envelope';
import { GRPC_LOADER_OPTIONS } from './grpc-loader-options';
import { ALL_TOPICS, deadLetterTopic, TOPIC_DEFAULTS, TOPICS } from './topics';
import { commonV1, eventsV1 } from './index';

const root = loadProtoRoot();
const conversion: protobuf.IConversionOptions = { ...GRPC_LOADER_OPTIONS };

/** The events the architecture names, by domain: the registry must hold exactly these. */
const EXPECTED = {
  intake: ['CaseOpened', 'CaseAmended', 'CaseWithdrawn', 'DuplicateLinked', 'DocumentAttached'],
  mediation: [
    'MediationCreated',
    'MediationAccepted',
    'MediationRejected',
    'ConsentRecorded',
    'RefusalRecorded',
    'MediatorsAssigned',
    'MediatorRecused',
    'ParticipantsInvited',
    'SessionScheduled',
    'SessionRecorded',
    'MediationEscalated',
    'MediationTransferred',
    'AgreementReached',
    'AgreementProposed',
    'AgreementSigned',
    'SessionResponseRecorded',
    'MediationFailed',
    'JudicialConfirmationRequested',
    'JudicialConfirmationRecorded',
    'PerformanceRecorded',
    'FollowUpRecorded',
    'SatisfactionRecorded',
    'MediationClosed',
    'MediationReopened',
    'DeadlineApproaching',
    'DeadlineBreached',
  ],
  referral: [
    'ReferralCreated',
    'ReferralClaimed',
    'ReferralDeclined',
    'ReferralRerouted',
    'ReferralWorkRecorded',
    'ReferralOutcomeRecorded',
    'ReferralReturned',
    'EntrustmentReceived',
    'EntrustmentResultReported',
    'SlaBreached',
    'RiskAlertRaised',
  ],
  statistics: ['EarlyWarningRaised', 'EarlyWarningAcknowledged'],
  notification: ['NoticeSent'],
} as const;

const TOPIC_OF_DOMAIN = {
  intake: TOPICS.intakeCaseEvents,
  mediation: TOPICS.mediationEvents,
  referral: TOPICS.referralEvents,
  statistics: TOPICS.statisticsAlerts,
  notification: TOPICS.notificationEvents,
} as const;

describe('event registry', () => {
  it('holds exactly the events of the architecture, keyed by their short names', () => {
    const expected = Object.values(EXPECTED).flat();
    expect(Object.keys(EVENT_TYPES).sort()).toEqual([...expected].sort());
    expect(ALL_EVENT_TYPES).toHaveLength(45);
  });

  it('type strings are unique, follow the pattern and equal the payload message full name', () => {
    const types = ALL_EVENT_TYPES.map((d) => d.type);
    expect(new Set(types).size).toBe(types.length);
    for (const [name, definition] of Object.entries(EVENT_TYPES)) {
      expect(definition.type).toMatch(EVENT_TYPE_PATTERN);
      expect(definition.type.endsWith(`.${name}`)).toBe(true);
      expect(root.lookupType(definition.type).fullName).toBe(`.${definition.type}`);
    }
  });

  it('each event sits on its domain topic with its domain source and aggregate type', () => {
    for (const [domain, names] of Object.entries(EXPECTED) as Array<
      [keyof typeof EXPECTED, readonly string[]]
    >) {
      for (const name of names) {
        const definition = EVENT_TYPES[name as keyof typeof EVENT_TYPES];
        expect(definition.type.startsWith(`mediation.${domain}.v1.`)).toBe(true);
        expect(definition.topic).toBe(TOPIC_OF_DOMAIN[domain]);
        expect(definition.source).toBe(`/${domain}`);
        expect(definition.aggregateType.startsWith(`${domain}.`)).toBe(true);
      }
    }
    const perTopic = ALL_TOPICS.map((t) => eventTypesOnTopic(t).length);
    expect(perTopic).toEqual([5, 26, 11, 2, 1]);
  });

  describe.each(ALL_EVENT_TYPES.map((d) => [d.type, d] as const))('%s', (type, definition) => {
    const messageType = root.lookupType(type);

    it('round-trips a fully populated payload through the registry codec', () => {
      const sample = sampleMessage(messageType);
      const bytes = definition.encode(sample as never);
      expect(bytes.length).toBeGreaterThan(0);
      expect(normalise(definition.decode(bytes))).toStrictEqual(normalise(sample));
      // Same bytes, read by protobufjs with the gRPC loader's conversion: the same object.
      expect(messageType.toObject(messageType.decode(bytes), conversion)).toStrictEqual(
        normalise(sample),
      );
      // And the other way round.
      const fromProtobufjs = messageType.encode(messageType.fromObject(sample)).finish();
      expect(normalise(decodePayload(type, fromProtobufjs))).toStrictEqual(normalise(sample));
      expect(encodePayload(type, definition.decode(fromProtobufjs) as never)).toEqual(bytes);
    });

    it('an empty payload is valid and decodes to the defaults', () => {
      const empty = definition.create();
      const bytes = definition.encode(empty as never);
      expect(bytes.length).toBe(0);
      expect(normalise(definition.decode(bytes))).toStrictEqual(normalise(empty));
      expect(messageType.toObject(messageType.decode(bytes), conversion)).toStrictEqual(
        normalise(empty),
      );
    });

    it('carries no PII or free text (names, ID numbers, phones, addresses, notes)', () => {
      const forbidden =
        /^(name|displayName|idNumber|phone|address|description|note|reason|summary|comment|facts|issues|responsibilities|location|whatWasTried|fileName)$/;
      // Staff members' names (who acted, which mediator) are allowed: they are no party's data.
      const staffNames = new Set([
        '.mediation.common.v1.ActorRef.displayName',
        '.mediation.mediation.v1.MediatorRef.displayName',
      ]);
      const offenders: string[] = [];
      for (const t of reachableTypes(messageType)) {
        for (const field of t.fieldsArray) {
          const name = `${t.fullName}.${field.name}`;
          if (field.type === 'string' && forbidden.test(field.name) && !staffNames.has(name))
            offenders.push(name);
        }
      }
      expect(offenders).toEqual([]);
    });
  });

  it('looks types up and rejects unknown ones', () => {
    expect(findEventType('mediation.intake.v1.CaseOpened')).toBe(EVENT_TYPES.CaseOpened);
    expect(findEventType('mediation.intake.v1.CaseOpenedV2')).toBeUndefined();
    expect(() => getEventType('nope' as never)).toThrow(UnknownEventTypeError);
  });
});

describe('envelope', () => {
  const payload = EVENT_TYPES.CaseOpened.create({
    caseId: 'c-1',
    caseNumber: '（2026）中山调字第00042号',
    facts: {
      category: commonV1.DisputeCategory.DISPUTE_CATEGORY_NEIGHBOUR,
      orgUnit: {
        code: '210202001001001',
        level: commonV1.OrgUnitLevel.ORG_UNIT_LEVEL_REASONING_POINT,
      },
      amountInvolved: { currencyCode: 'CNY', amountFen: '9007199254740993' },
    },
  });

  it('is built from the registry, survives encoding and decodes to a typed event', () => {
    const envelope = createEnvelope('mediation.intake.v1.CaseOpened', payload, {
      aggregateId: 'c-1',
      sequence: 1,
      orgUnitCode: '210202001001001',
      correlationId: 'corr-1',
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      occurredAt: new Date('2026-03-14T08:00:00.123Z'),
    });
    expect(envelope).toMatchObject({
      eventType: 'mediation.intake.v1.CaseOpened',
      source: '/intake',
      aggregateType: 'intake.case',
      aggregateId: 'c-1',
      caseId: 'c-1',
      sequence: '1',
      occurredAt: { seconds: '1773475200', nanos: 123000000 },
    });
    expect(envelope.eventId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );

    const decoded = decodeEvent(decodeEnvelope(encodeEnvelope(envelope)));
    expect(decoded.type).toBe('mediation.intake.v1.CaseOpened');
    if (decoded.type !== 'mediation.intake.v1.CaseOpened') throw new Error('unreachable');
    expect(normalise(decoded.payload)).toStrictEqual(normalise(payload));
    expect(decoded.payload.facts!.amountInvolved!.amountFen).toBe('9007199254740993');
  });

  it('maps to the CloudEvents Kafka binding headers', () => {
    const envelope = createEnvelope(
      'mediation.referral.v1.ReferralClaimed',
      EVENT_TYPES.ReferralClaimed.create(),
      {
        aggregateId: 'r-9',
        sequence: '12',
        eventId: '0b7d3f4e-2f7c-4a3e-9c61-5d2a1b0c9e8f',
        occurredAt: { seconds: '1773475200', nanos: 0 },
      },
    );
    expect(envelope.caseId).toBe('');
    expect(cloudEventHeaders(envelope)).toEqual({
      [CE_HEADERS.specversion]: '1.0',
      [CE_HEADERS.id]: '0b7d3f4e-2f7c-4a3e-9c61-5d2a1b0c9e8f',
      [CE_HEADERS.type]: 'mediation.referral.v1.ReferralClaimed',
      [CE_HEADERS.source]: '/referral',
      [CE_HEADERS.time]: '2026-03-14T08:00:00.000Z',
      [CE_HEADERS.subject]: 'r-9',
      [CE_HEADERS.sequence]: '12',
      [CE_HEADERS.aggregateType]: 'referral.referral',
      [CE_HEADERS.contentType]: EVENT_CONTENT_TYPE,
    });
  });

  it('rejects a missing aggregate id or a non-positive sequence', () => {
    expect(() =>
      createEnvelope('mediation.intake.v1.CaseOpened', payload, { aggregateId: '', sequence: 1 }),
    ).toThrow();
    expect(() =>
      createEnvelope('mediation.intake.v1.CaseOpened', payload, { aggregateId: 'c', sequence: 0 }),
    ).toThrow();
  });

  it('an unknown event type is reported as such (consumers skip types newer than they are)', () => {
    const envelope: eventsV1.EventEnvelope = eventsV1.EventEnvelope.fromPartial({
      eventType: 'mediation.intake.v1.Nope',
    });
    expect(() => decodeEvent(envelope)).toThrow(UnknownEventTypeError);
  });
});

describe('topics', () => {
  it('have versioned names, dead-letter twins and defaults', () => {
    for (const topic of ALL_TOPICS) {
      expect(topic).toMatch(/^mediation\.[a-z]+\.[a-z-]+\.v1$/);
      expect(deadLetterTopic(topic)).toBe(`${topic}.dlt`);
      expect(TOPIC_DEFAULTS[topic].partitions).toBeGreaterThan(0);
      expect(TOPIC_DEFAULTS[topic].config['retention.ms']).toBe('-1');
    }
    expect(() => deadLetterTopic('mediation.referral.events.v1.dlt')).toThrow();
  });
});
