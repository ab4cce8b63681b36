import type { Provider } from '@nestjs/common';
import { AGGREGATE_TYPES, EVENT_SOURCES } from '@mediation/contracts';
import { EventPublisher } from '@mediation/event-bus';
import { orgDirectory } from '@mediation/org-directory';
import { OutboxRelay, type AggregateModel } from '@mediation/persistence';
import { MONGO_CONNECTION } from '@mediation/service-kit';
import type { Connection } from 'mongoose';
import type { IntakeConfig } from '../config';
import { PiiProtector } from '../pii/pii-protector';
import { AmendCaseHandler } from './commands/amend-case/amend-case.handler';
import { OpenCaseHandler, type OpenCasePolicy } from './commands/open-case/open-case.handler';
import { WithdrawCaseHandler } from './commands/withdraw-case/withdraw-case.handler';
import { CaseEvents } from './events/case-events';
import { CaseOutboxRelay } from './events/case-outbox.relay';
import { CaseNumberSequence } from './persistence/case-number.sequence';
import { MongoCaseNumberStore } from './persistence/case-number.store';
import { DisputeKeyIndex } from './persistence/dispute-key.index';
import { CaseRepository } from './persistence/case.repository';
import { caseSchema, CASES_COLLECTION } from './persistence/case.schema';
import { GetCaseHandler } from './queries/get-case/get-case.handler';
import { ListCasesHandler } from './queries/list-cases/list-cases.handler';

const CASE_MODEL = Symbol('CASE_MODEL');

/** The case slice's objects, built by hand (they are plain classes, not Nest-aware). */
export function caseProviders(config: IntakeConfig): Provider[] {
  return [
    {
      provide: CASE_MODEL,
      inject: [MONGO_CONNECTION],
      useFactory: async (connection: Connection) => {
        const model = connection.model('Case', caseSchema(), CASES_COLLECTION);
        await model.init(); // the unique indexes are part of correctness, not an optimisation
        return model;
      },
    },
    {
      provide: CaseOutboxRelay,
      inject: [CASE_MODEL, EventPublisher],
      useFactory: (model: AggregateModel, publisher: EventPublisher) =>
        new CaseOutboxRelay(
          new OutboxRelay(model, publisher, {
            aggregateType: AGGREGATE_TYPES.case,
            source: EVENT_SOURCES.intake,
            pollIntervalMs: config.OUTBOX_POLL_INTERVAL_MS,
            kickDelayMs: config.OUTBOX_KICK_DELAY_MS,
          }),
        ),
    },
    {
      provide: CaseRepository,
      inject: [CASE_MODEL, CaseOutboxRelay],
      useFactory: (model: AggregateModel, relay: CaseOutboxRelay) =>
        new CaseRepository(model, (id) => relay.kick(id)),
    },
    {
      provide: CaseNumberSequence,
      inject: [MONGO_CONNECTION, CaseRepository],
      useFactory: (connection: Connection, cases: CaseRepository) =>
        new CaseNumberSequence(new MongoCaseNumberStore(connection.db as never, cases)),
    },
    {
      provide: PiiProtector,
      useFactory: () =>
        new PiiProtector({
          encryptionKey: Buffer.from(config.PII_ENCRYPTION_KEY, 'base64'),
          encryptionKeyId: config.PII_ENCRYPTION_KEY_ID,
          retired: config.PII_RETIRED_ENCRYPTION_KEYS.map((k) => ({
            id: k.id,
            key: Buffer.from(k.key, 'base64'),
          })),
          hashKey: Buffer.from(config.PII_HASH_KEY, 'base64'),
        }),
    },
    { provide: CaseEvents, useFactory: () => new CaseEvents(config.INTAKE_EVENTS_TOPIC) },
    {
      provide: AmendCaseHandler,
      inject: [CaseRepository, GetCaseHandler, CaseEvents, PiiProtector],
      useFactory: (
        cases: CaseRepository,
        reader: GetCaseHandler,
        events: CaseEvents,
        pii: PiiProtector,
      ) => new AmendCaseHandler(cases, reader, events, pii, orgDirectory(), policy(config)),
    },
    {
      provide: WithdrawCaseHandler,
      inject: [CaseRepository, GetCaseHandler, CaseEvents, PiiProtector],
      useFactory: (
        cases: CaseRepository,
        reader: GetCaseHandler,
        events: CaseEvents,
        pii: PiiProtector,
      ) => new WithdrawCaseHandler(cases, reader, events, pii, config.BACKFILL_ENABLED),
    },
    {
      provide: OpenCaseHandler,
      inject: [CaseRepository, CaseNumberSequence, MONGO_CONNECTION, CaseEvents, PiiProtector],
      useFactory: (
        cases: CaseRepository,
        numbers: CaseNumberSequence,
        connection: Connection,
        events: CaseEvents,
        pii: PiiProtector,
      ) =>
        new OpenCaseHandler(
          cases,
          numbers,
          new DisputeKeyIndex(connection.db as never),
          events,
          pii,
          orgDirectory(),
          policy(config),
        ),
    },
    {
      provide: GetCaseHandler,
      inject: [CaseRepository, PiiProtector],
      useFactory: (cases: CaseRepository, pii: PiiProtector) =>
        new GetCaseHandler(cases, pii, orgDirectory()),
    },
    {
      provide: ListCasesHandler,
      inject: [CaseRepository],
      useFactory: (cases: CaseRepository) => new ListCasesHandler(cases, orgDirectory()),
    },
  ];
}

const policy = (config: IntakeConfig): OpenCasePolicy => ({
  duplicateWindowDays: config.DUPLICATE_WINDOW_DAYS,
  backfillEnabled: config.BACKFILL_ENABLED,
  dates: { disputeStartHorizonYears: config.DISPUTE_START_HORIZON_YEARS },
  massDispute: {
    minPeople: config.MASS_DISPUTE_MIN_PEOPLE,
    minAmountFen: config.MASS_DISPUTE_MIN_AMOUNT_FEN,
  },
});
