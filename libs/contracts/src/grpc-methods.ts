// Compile-time names and types of every RPC, derived from the interfaces ts-proto generates
// (`XServiceClient`, `XServiceController`), so that a typed client (service-kit's
// createGrpcClient) checks method names, requests and responses against proto/ without a
// second code generator. The wire codec stays @grpc/proto-loader's with GRPC_LOADER_OPTIONS.
import type { Observable } from 'rxjs';
import type * as intakeV1 from './gen/index.mediation.intake.v1';
import type * as mediationV1 from './gen/index.mediation.mediation.v1';
import type * as notificationV1 from './gen/index.mediation.notification.v1';
import type * as referralV1 from './gen/index.mediation.referral.v1';
import type * as statisticsV1 from './gen/index.mediation.statistics.v1';
import type { GrpcServiceKey } from './proto-path';

interface ServiceClients {
  intake: intakeV1.IntakeServiceClient;
  mediation: mediationV1.MediationServiceClient;
  referral: referralV1.ReferralServiceClient;
  statistics: statisticsV1.StatisticsServiceClient;
  notification: notificationV1.NotificationServiceClient;
}

interface ServiceControllers {
  intake: intakeV1.IntakeServiceController;
  mediation: mediationV1.MediationServiceController;
  referral: referralV1.ReferralServiceController;
  statistics: statisticsV1.StatisticsServiceController;
  notification: notificationV1.NotificationServiceController;
}

type AnyFn = (...args: never[]) => unknown;

/** Every RPC of a service by its lower-camel name (`openCase`). */
export type GrpcMethodName<S extends GrpcServiceKey> = keyof ServiceClients[S] & string;

// A unary controller method may answer with a value, a Promise or an Observable; a
// server-streaming one only with an Observable. That is how the two are told apart.
type IsStreaming<F> = F extends AnyFn
  ? ReturnType<F> extends Observable<unknown>
    ? true
    : false
  : false;

export type UnaryMethodName<S extends GrpcServiceKey> = {
  [M in GrpcMethodName<S>]: IsStreaming<
    ServiceControllers[S][M & keyof ServiceControllers[S]]
  > extends true
    ? never
    : M;
}[GrpcMethodName<S>];

export type StreamingMethodName<S extends GrpcServiceKey> = Exclude<
  GrpcMethodName<S>,
  UnaryMethodName<S>
>;

/** The request message of an RPC, as ts-proto declares it. */
export type GrpcRequestOf<S extends GrpcServiceKey, M extends GrpcMethodName<S>> = M extends unknown
  ? ServiceClients[S][M] extends (request: infer Req, ...rest: never[]) => unknown
    ? Req
    : never
  : never;

/** The response message of an RPC (one message of the stream for server-streaming RPCs). */
export type GrpcResponseOf<
  S extends GrpcServiceKey,
  M extends GrpcMethodName<S>,
> = M extends unknown
  ? ServiceClients[S][M] extends (...args: never[]) => Observable<infer Res>
    ? Res
    : never
  : never;

/** The unary RPCs whose response has the field F (`mediation`: the commands answering with the new state). */
export type UnaryMethodAnswering<S extends GrpcServiceKey, F extends string> = {
  [M in UnaryMethodName<S>]: F extends keyof GrpcResponseOf<S, M> ? M : never;
}[UnaryMethodName<S>];

// True for ts-proto's numeric enums and their members, false for plain `number`. `number`
// is assignable to a numeric enum, so only an identity comparison tells them apart.
type Identical<A, B> =
  (<G>() => G extends A ? 1 : 2) extends <G>() => G extends B ? 1 : 2 ? true : false;
type IsEnum<T> = [T] extends [number] ? (Identical<T, number> extends true ? false : true) : false;

/**
 * What protobufjs accepts when it encodes a message: any subset of the fields (absent ones are
 * the defaults), `null` for an unset message, and enums as numbers or their names.
 */
export type GrpcInput<T> = T extends Buffer | Uint8Array
  ? T
  : T extends readonly (infer E)[]
    ? GrpcInput<E>[]
    : IsEnum<T> extends true
      ? T | string
      : T extends object
        ? { [K in keyof T]?: GrpcInput<T[K]> | null }
        : T;

/**
 * A message as the loader decodes it: `bytes` as `Buffer` (ts-proto declares `Uint8Array`), the
 * rest as ts-proto declares it.
 */
export type GrpcOutput<T> = T extends Buffer | Uint8Array
  ? Buffer
  : T extends readonly (infer E)[]
    ? GrpcOutput<E>[]
    : T extends object
      ? { [K in keyof T]: GrpcOutput<T[K]> }
      : T;

/** The same with `enums: String` (what the HTTP gateway relays): enums as their names. */
export type WithEnumNames<T> = T extends Buffer | Uint8Array
  ? Buffer
  : T extends readonly (infer E)[]
    ? WithEnumNames<E>[]
    : IsEnum<T> extends true
      ? string
      : T extends object
        ? { [K in keyof T]: WithEnumNames<T[K]> }
        : T;

/**
 * Whether a retry after UNAVAILABLE can do harm, for every unary RPC (a retry happens when the
 * response was lost, so the server may have acted already):
 * - `read`: no side effect;
 * - `idempotency-key`: a required key makes the second call answer with the first result;
 * - `expected-version`: a second call meets the new version and gets ABORTED, never acts twice;
 * - `once`: never retried (an optional key, or a command with neither).
 * The mapped type makes the table complete: a new RPC does not compile until it is classified.
 */
export type RetrySafety = 'read' | 'idempotency-key' | 'expected-version' | 'once';

export const GRPC_RETRY_SAFETY: {
  readonly [S in GrpcServiceKey]: Readonly<Record<UnaryMethodName<S>, RetrySafety>>;
} = {
  intake: {
    openCase: 'idempotency-key',
    getCase: 'read',
    listCases: 'read',
    amendCase: 'expected-version',
    withdrawCase: 'expected-version',
    // The key is optional here: a retry without one would attach the document twice.
    attachDocument: 'once',
    listDocuments: 'read',
    getDocument: 'read',
    getCaseTimeline: 'read',
    listReadAudit: 'read',
    // A rebuild resets the views and replays: not repeated behind the caller's back.
    rebuildCaseViews: 'once',
    getPartyContacts: 'read',
    // A retry would write the read audit entry twice.
    recordDownload: 'once',
  },
  mediation: {
    accept: 'expected-version',
    reject: 'expected-version',
    recordConsent: 'expected-version',
    recordRefusal: 'expected-version',
    assignMediators: 'expected-version',
    recordRecusal: 'expected-version',
    inviteParticipants: 'expected-version',
    scheduleSession: 'expected-version',
    recordSession: 'expected-version',
    escalate: 'expected-version',
    transfer: 'expected-version',
    reachAgreement: 'expected-version',
    proposeAgreement: 'expected-version',
    signAgreement: 'expected-version',
    respondToSession: 'expected-version',
    fail: 'expected-version',
    requestJudicialConfirmation: 'expected-version',
    recordConfirmation: 'expected-version',
    recordPerformance: 'expected-version',
    recordFollowUp: 'expected-version',
    recordSatisfaction: 'expected-version',
    closeMediation: 'expected-version',
    reopen: 'expected-version',
    getMediation: 'read',
    listWorkload: 'read',
    listBySubtree: 'read',
    listDeadlines: 'read',
    getAgreementDocument: 'read',
    exportCaseFile: 'read',
    setRosterMember: 'expected-version',
    deactivateRosterMember: 'expected-version',
    getCommitteeRoster: 'read',
  },
  referral: {
    createReferral: 'idempotency-key',
    entrustCase: 'idempotency-key',
    listInbox: 'read',
    getReferral: 'read',
    claim: 'expected-version',
    decline: 'expected-version',
    recordWork: 'expected-version',
    recordOutcome: 'expected-version',
    return: 'expected-version',
    assignDeskStaff: 'expected-version',
    listDeskStaff: 'read',
  },
  statistics: {
    getSummary: 'read',
    drilldown: 'read',
    timeSeries: 'read',
    topN: 'read',
    flow: 'read',
    listAlerts: 'read',
    acknowledgeAlert: 'expected-version',
    getReport: 'read',
    // A rebuild discards the read model and replays: not repeated behind the caller's back.
    rebuild: 'once',
  },
  notification: {
    // Sets values, so a repeat would do no harm; kept with the commands all the same.
    setPartyPreferences: 'once',
    listDeliveries: 'read',
    // Each call texts a code, and each proof counts an attempt: never repeated unasked.
    startPhoneCheck: 'once',
    provePhone: 'once',
    listInbox: 'read',
    // Marking read twice does no harm, but it is a command: not repeated unasked.
    markInboxRead: 'once',
  },
};
