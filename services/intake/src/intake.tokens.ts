import type { DateRules } from './case/domain/date-windows';
import type { DuplicatePolicy } from './case/domain/duplicates';
import type { MassDisputeThresholds } from './case/domain/mass-dispute';

/** The cases collection's mongoose model (its unique indexes initialised). */
export const CASE_MODEL = Symbol('CASE_MODEL');
/** The OutboxRelay of the cases collection: a PollingWorker run by the module's backgroundWork. */
export const CASE_OUTBOX_RELAY = Symbol('CASE_OUTBOX_RELAY');
export const ORG_DIRECTORY = Symbol('ORG_DIRECTORY');
/** The case view's CaseViewProjection: a background worker following the view generation. */
export const CASE_VIEW_PROJECTION = Symbol('CASE_VIEW_PROJECTION');
/** The case view projection's own MongoDB connection (the API keeps MONGO_CONNECTION). */
export const CASE_VIEW_CONNECTION = Symbol('CASE_VIEW_CONNECTION');
/** Where document content lives (DocumentStore). */
export const DOCUMENT_STORE = Symbol('DOCUMENT_STORE');
export const INTAKE_POLICY = Symbol('INTAKE_POLICY');

/** Intake's rules as configured (config.ts), handed to the commands. */
export interface IntakePolicy {
  duplicates: DuplicatePolicy;
  massDispute: MassDisputeThresholds;
  /** Date windows (DISPUTE_START_HORIZON_YEARS). */
  dates: DateRules;
}
