// The event registry: every event type string of the platform, spelled once, with its topic,
// aggregate type, source and payload codec. Event types are explicit strings (never derived from
// class names at run time) equal to the payload message's fully qualified proto name; renaming a
// message is a breaking change and means a new version (docs/contracts.md).
import * as intakeV1 from './gen/index.mediation.intake.v1';
import * as mediationV1 from './gen/index.mediation.mediation.v1';
import * as notificationV1 from './gen/index.mediation.notification.v1';
import * as referralV1 from './gen/index.mediation.referral.v1';
import * as statisticsV1 from './gen/index.mediation.statistics.v1';
import { TOPICS, type TopicName } from './topics';

type Builtin =
  Date | ((...args: never[]) => unknown) | Uint8Array | string | number | boolean | undefined;

/** Same shape as ts-proto's (unexported) DeepPartial: what `fromPartial` accepts. */
export type PartialMessage<T> = T extends Builtin
  ? T
  : T extends Array<infer U>
    ? Array<PartialMessage<U>>
    : T extends ReadonlyArray<infer U>
      ? ReadonlyArray<PartialMessage<U>>
      : T extends object
        ? { [K in keyof T]?: PartialMessage<T[K]> }
        : Partial<T>;

/** What every generated message constant offers (ts-proto's unexported MessageFns, structurally). */
export interface MessageCodec<M> {
  encode(message: M): { finish(): Uint8Array };
  decode(input: Uint8Array): M;
  fromPartial(object: PartialMessage<M>): M;
}

export const AGGREGATE_TYPES = {
  case: 'intake.case',
  mediation: 'mediation.mediation',
  referral: 'referral.referral',
  alert: 'statistics.alert',
  delivery: 'notification.delivery',
} as const;
export type AggregateType = (typeof AGGREGATE_TYPES)[keyof typeof AGGREGATE_TYPES];

/** CloudEvents `source` of each emitting service. */
export const EVENT_SOURCES = {
  intake: '/intake',
  mediation: '/mediation',
  referral: '/referral',
  statistics: '/statistics',
  notification: '/notification',
} as const;
export type EventSource = (typeof EVENT_SOURCES)[keyof typeof EVENT_SOURCES];

interface EventStream {
  readonly topic: TopicName;
  readonly aggregateType: AggregateType;
  readonly source: EventSource;
}

const STREAMS = {
  intake: {
    topic: TOPICS.intakeCaseEvents,
    aggregateType: AGGREGATE_TYPES.case,
    source: EVENT_SOURCES.intake,
  },
  mediation: {
    topic: TOPICS.mediationEvents,
    aggregateType: AGGREGATE_TYPES.mediation,
    source: EVENT_SOURCES.mediation,
  },
  referral: {
    topic: TOPICS.referralEvents,
    aggregateType: AGGREGATE_TYPES.referral,
    source: EVENT_SOURCES.referral,
  },
  statistics: {
    topic: TOPICS.statisticsAlerts,
    aggregateType: AGGREGATE_TYPES.alert,
    source: EVENT_SOURCES.statistics,
  },
  notification: {
    topic: TOPICS.notificationEvents,
    aggregateType: AGGREGATE_TYPES.delivery,
    source: EVENT_SOURCES.notification,
  },
} as const satisfies Record<string, EventStream>;

export interface EventTypeDefinition<T extends string = string, M = unknown> extends EventStream {
  /** = EventEnvelope.event_type = ce_type. */
  readonly type: T;
  /** The generated ts-proto message constant. */
  readonly codec: MessageCodec<M>;
  encode(message: M): Uint8Array;
  decode(payload: Uint8Array): M;
  /** A complete message from a partial one (defaults filled in as protobufjs would). */
  create(partial?: PartialMessage<M>): M;
}

function define<T extends string, M>(
  stream: EventStream,
  type: T,
  codec: MessageCodec<M>,
): EventTypeDefinition<T, M> {
  return Object.freeze({
    ...stream,
    type,
    codec,
    encode: (message: M) => codec.encode(message).finish(),
    decode: (payload: Uint8Array) => codec.decode(payload),
    create: (partial?: PartialMessage<M>) =>
      codec.fromPartial(partial ?? ({} as PartialMessage<M>)),
  });
}

const intake = STREAMS.intake;
const mediation = STREAMS.mediation;
const referral = STREAMS.referral;
const statistics = STREAMS.statistics;
const notification = STREAMS.notification;

export const EVENT_TYPES = {
  // intake -> mediation.intake.case-events.v1
  CaseOpened: define(intake, 'mediation.intake.v1.CaseOpened', intakeV1.CaseOpened),
  CaseAmended: define(intake, 'mediation.intake.v1.CaseAmended', intakeV1.CaseAmended),
  CaseWithdrawn: define(intake, 'mediation.intake.v1.CaseWithdrawn', intakeV1.CaseWithdrawn),
  DuplicateLinked: define(intake, 'mediation.intake.v1.DuplicateLinked', intakeV1.DuplicateLinked),
  DocumentAttached: define(
    intake,
    'mediation.intake.v1.DocumentAttached',
    intakeV1.DocumentAttached,
  ),

  // mediation -> mediation.mediation.events.v1
  MediationCreated: define(
    mediation,
    'mediation.mediation.v1.MediationCreated',
    mediationV1.MediationCreated,
  ),
  MediationAccepted: define(
    mediation,
    'mediation.mediation.v1.MediationAccepted',
    mediationV1.MediationAccepted,
  ),
  MediationRejected: define(
    mediation,
    'mediation.mediation.v1.MediationRejected',
    mediationV1.MediationRejected,
  ),
  ConsentRecorded: define(
    mediation,
    'mediation.mediation.v1.ConsentRecorded',
    mediationV1.ConsentRecorded,
  ),
  RefusalRecorded: define(
    mediation,
    'mediation.mediation.v1.RefusalRecorded',
    mediationV1.RefusalRecorded,
  ),
  MediatorsAssigned: define(
    mediation,
    'mediation.mediation.v1.MediatorsAssigned',
    mediationV1.MediatorsAssigned,
  ),
  MediatorRecused: define(
    mediation,
    'mediation.mediation.v1.MediatorRecused',
    mediationV1.MediatorRecused,
  ),
  ParticipantsInvited: define(
    mediation,
    'mediation.mediation.v1.ParticipantsInvited',
    mediationV1.ParticipantsInvited,
  ),
  SessionScheduled: define(
    mediation,
    'mediation.mediation.v1.SessionScheduled',
    mediationV1.SessionScheduled,
  ),
  SessionRecorded: define(
    mediation,
    'mediation.mediation.v1.SessionRecorded',
    mediationV1.SessionRecorded,
  ),
  MediationEscalated: define(
    mediation,
    'mediation.mediation.v1.MediationEscalated',
    mediationV1.MediationEscalated,
  ),
  MediationTransferred: define(
    mediation,
    'mediation.mediation.v1.MediationTransferred',
    mediationV1.MediationTransferred,
  ),
  AgreementReached: define(
    mediation,
    'mediation.mediation.v1.AgreementReached',
    mediationV1.AgreementReached,
  ),
  AgreementProposed: define(
    mediation,
    'mediation.mediation.v1.AgreementProposed',
    mediationV1.AgreementProposed,
  ),
  AgreementSigned: define(
    mediation,
    'mediation.mediation.v1.AgreementSigned',
    mediationV1.AgreementSigned,
  ),
  SessionResponseRecorded: define(
    mediation,
    'mediation.mediation.v1.SessionResponseRecorded',
    mediationV1.SessionResponseRecorded,
  ),
  MediationFailed: define(
    mediation,
    'mediation.mediation.v1.MediationFailed',
    mediationV1.MediationFailed,
  ),
  JudicialConfirmationRequested: define(
    mediation,
    'mediation.mediation.v1.JudicialConfirmationRequested',
    mediationV1.JudicialConfirmationRequested,
  ),
  JudicialConfirmationRecorded: define(
    mediation,
    'mediation.mediation.v1.JudicialConfirmationRecorded',
    mediationV1.JudicialConfirmationRecorded,
  ),
  PerformanceRecorded: define(
    mediation,
    'mediation.mediation.v1.PerformanceRecorded',
    mediationV1.PerformanceRecorded,
  ),
  FollowUpRecorded: define(
    mediation,
    'mediation.mediation.v1.FollowUpRecorded',
    mediationV1.FollowUpRecorded,
  ),
  SatisfactionRecorded: define(
    mediation,
    'mediation.mediation.v1.SatisfactionRecorded',
    mediationV1.SatisfactionRecorded,
  ),
  MediationClosed: define(
    mediation,
    'mediation.mediation.v1.MediationClosed',
    mediationV1.MediationClosed,
  ),
  MediationReopened: define(
    mediation,
    'mediation.mediation.v1.MediationReopened',
    mediationV1.MediationReopened,
  ),
  DeadlineApproaching: define(
    mediation,
    'mediation.mediation.v1.DeadlineApproaching',
    mediationV1.DeadlineApproaching,
  ),
  DeadlineBreached: define(
    mediation,
    'mediation.mediation.v1.DeadlineBreached',
    mediationV1.DeadlineBreached,
  ),

  // referral -> mediation.referral.events.v1
  ReferralCreated: define(
    referral,
    'mediation.referral.v1.ReferralCreated',
    referralV1.ReferralCreated,
  ),
  ReferralClaimed: define(
    referral,
    'mediation.referral.v1.ReferralClaimed',
    referralV1.ReferralClaimed,
  ),
  ReferralDeclined: define(
    referral,
    'mediation.referral.v1.ReferralDeclined',
    referralV1.ReferralDeclined,
  ),
  ReferralRerouted: define(
    referral,
    'mediation.referral.v1.ReferralRerouted',
    referralV1.ReferralRerouted,
  ),
  ReferralWorkRecorded: define(
    referral,
    'mediation.referral.v1.ReferralWorkRecorded',
    referralV1.ReferralWorkRecorded,
  ),
  ReferralOutcomeRecorded: define(
    referral,
    'mediation.referral.v1.ReferralOutcomeRecorded',
    referralV1.ReferralOutcomeRecorded,
  ),
  ReferralReturned: define(
    referral,
    'mediation.referral.v1.ReferralReturned',
    referralV1.ReferralReturned,
  ),
  EntrustmentReceived: define(
    referral,
    'mediation.referral.v1.EntrustmentReceived',
    referralV1.EntrustmentReceived,
  ),
  EntrustmentResultReported: define(
    referral,
    'mediation.referral.v1.EntrustmentResultReported',
    referralV1.EntrustmentResultReported,
  ),
  SlaBreached: define(referral, 'mediation.referral.v1.SlaBreached', referralV1.SlaBreached),
  RiskAlertRaised: define(
    referral,
    'mediation.referral.v1.RiskAlertRaised',
    referralV1.RiskAlertRaised,
  ),

  // statistics -> mediation.statistics.alerts.v1
  EarlyWarningRaised: define(
    statistics,
    'mediation.statistics.v1.EarlyWarningRaised',
    statisticsV1.EarlyWarningRaised,
  ),
  EarlyWarningAcknowledged: define(
    statistics,
    'mediation.statistics.v1.EarlyWarningAcknowledged',
    statisticsV1.EarlyWarningAcknowledged,
  ),

  // notification -> mediation.notification.events.v1
  NoticeSent: define(
    notification,
    'mediation.notification.v1.NoticeSent',
    notificationV1.NoticeSent,
  ),
} as const;

export type EventName = keyof typeof EVENT_TYPES;
export type AnyEventDefinition = (typeof EVENT_TYPES)[EventName];
/** Every event type string, e.g. "mediation.intake.v1.CaseOpened". */
export type EventType = AnyEventDefinition['type'];
export type EventDefinitionOf<T extends EventType> = Extract<AnyEventDefinition, { type: T }>;
export type EventPayload<T extends EventType> =
  EventDefinitionOf<T> extends EventTypeDefinition<T, infer M> ? M : never;

/** "mediation.<domain>.v1.<PascalCaseName>". */
export const EVENT_TYPE_PATTERN =
  /^mediation\.(intake|mediation|referral|statistics|notification)\.v1\.[A-Z][A-Za-z0-9]*$/;

export const ALL_EVENT_TYPES: readonly AnyEventDefinition[] = Object.freeze(
  Object.values(EVENT_TYPES),
);

const BY_TYPE: ReadonlyMap<string, AnyEventDefinition> = new Map(
  ALL_EVENT_TYPES.map((d) => [d.type, d]),
);

export function isEventType(type: string): type is EventType {
  return BY_TYPE.has(type);
}

export function findEventType(type: string): AnyEventDefinition | undefined {
  return BY_TYPE.get(type);
}

export class UnknownEventTypeError extends Error {
  override readonly name = 'UnknownEventTypeError';
  constructor(readonly eventType: string) {
    super(`unknown event type "${eventType}"`);
  }
}

export function getEventType<T extends EventType>(type: T): EventDefinitionOf<T> {
  const definition = BY_TYPE.get(type);
  if (!definition) throw new UnknownEventTypeError(type);
  return definition as EventDefinitionOf<T>;
}

export function eventTypesOnTopic(topic: string): readonly AnyEventDefinition[] {
  return ALL_EVENT_TYPES.filter((d) => d.topic === topic);
}

// The definitions form a union; calling through it needs one widening cast, kept here.
interface UntypedDefinition {
  encode(message: unknown): Uint8Array;
  decode(payload: Uint8Array): unknown;
}

export function encodePayload<T extends EventType>(type: T, message: EventPayload<T>): Uint8Array {
  return (getEventType(type) as unknown as UntypedDefinition).encode(message);
}

export function decodePayload<T extends EventType>(type: T, payload: Uint8Array): EventPayload<T> {
  return (getEventType(type) as unknown as UntypedDefinition).decode(payload) as EventPayload<T>;
}
