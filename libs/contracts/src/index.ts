// @mediation/contracts: the platform's v1 contracts. Generated code (./gen, from proto/ by
// `nx run contracts:generate`) is re-exported one namespace per proto package, so that equal
// names in different packages never clash; everything else here is hand-written.

export * as commonV1 from './gen/index.mediation.common.v1';
export * as eventsV1 from './gen/index.mediation.events.v1';
export * as intakeV1 from './gen/index.mediation.intake.v1';
export * as mediationV1 from './gen/index.mediation.mediation.v1';
export * as notificationV1 from './gen/index.mediation.notification.v1';
export * as referralV1 from './gen/index.mediation.referral.v1';
export * as statisticsV1 from './gen/index.mediation.statistics.v1';
export { Timestamp } from './gen/google/protobuf/timestamp';

export * from './cloud-events';
export * from './derived-ids';
export * from './enums';
export * from './event-envelope';
export * from './event-types';
export * from './grpc-loader-options';
export * from './grpc-methods';
export * from './limits';
export * from './phone-number';
export * from './principal-metadata';
export * from './proto-path';
export * from './resident-id';
export * from './china-time';
export * from './timeline-labels';
export * from './timestamps';
export * from './topics';
