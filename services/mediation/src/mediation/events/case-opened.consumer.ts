import type { Kafka } from 'kafkajs';
import type { Connection } from 'mongoose';
import { randomUUID } from 'node:crypto';
import {
  amendedFieldsText,
  decodePayload,
  EVENT_TYPES,
  fromTimestamp,
  type commonV1,
  type intakeV1,
} from '@mediation/contracts';
import type { BusEvent, EventPublisher } from '@mediation/event-bus';
import type { OrgDirectory } from '@mediation/org-directory';
import { AggregateExistsError } from '@mediation/persistence';
import { BackgroundConsumer, eventTime } from '@mediation/service-kit';
import { createLogger } from '@mediation/telemetry';
import { ALLOWED_IN, applyCaseAmendment, createMediation, withdraw } from '../domain';
import { firstHandler } from '../mapping/committee-ref';
import type { MediationOptions } from '../../mediation.tokens';
import type { MediationRepository, StepTime } from '../persistence/mediation.repository';
import { SYSTEM_ACTOR } from './mediation-recorder';

const log = createLogger('mediation:case-opened');

/**
 * Creates the mediation of every opened case (including cases entrusted through a referral) at
 * the handler the org directory names for the case's unit. The mediation id is the case id, so
 * a redelivered or replayed CaseOpened hits AggregateExistsError and changes nothing; the
 * consumer's sequence store drops most duplicates before that. CaseWithdrawn closes an open
 * mediation as WITHDRAWN; CaseAmended corrects the case's facts while the mediation awaits
 * acceptance (ignored afterwards).
 */
export class CaseOpenedConsumer extends BackgroundConsumer {
  constructor(
    kafka: Kafka,
    connection: Connection,
    publisher: EventPublisher,
    private readonly mediations: MediationRepository,
    private readonly directory: OrgDirectory,
    private readonly options: MediationOptions,
  ) {
    super(kafka, connection, publisher, {
      groupId: options.consumerGroup,
      topics: [options.intakeTopic],
      logger: log,
    });
  }

  async handle(event: BusEvent): Promise<void> {
    if (event.eventType === EVENT_TYPES.CaseOpened.type) {
      await this.create(decodePayload(EVENT_TYPES.CaseOpened.type, event.payload), event);
    } else if (event.eventType === EVENT_TYPES.CaseAmended.type) {
      await this.amend(decodePayload(EVENT_TYPES.CaseAmended.type, event.payload), event);
    } else if (event.eventType === EVENT_TYPES.CaseWithdrawn.type) {
      await this.withdraw(
        decodePayload(EVENT_TYPES.CaseWithdrawn.type, event.payload).caseId,
        event,
      );
    }
    // Other intake events need nothing from the mediation service.
  }

  /** An open mediation closes as WITHDRAWN; a conflict throws, so the consumer retries. */
  private async withdraw(caseId: string, event: BusEvent): Promise<void> {
    const loaded = await this.mediations.load(caseId);
    if (!loaded || !ALLOWED_IN.Withdraw.includes(loaded.state.status)) return;
    // A backfilled withdrawal (old occurredAt, backfill on) is dated as it happened.
    const time = this.timeOf(event, this.mediations.lastStepAt(loaded.state));
    const ctx = { now: time.at, actor: SYSTEM_ACTOR, newId: randomUUID, rules: this.options.rules };
    const step = withdraw(loaded.state, ctx);
    await this.mediations.save(loaded, { step, actor: SYSTEM_ACTOR }, time);
  }

  /**
   * The corrected facts replace the pending mediation's copy; after acceptance the amendment is
   * ignored (intake refuses those it knows to be late; this closes the window of its view's lag).
   */
  private async amend(amended: intakeV1.CaseAmended, event: BusEvent): Promise<void> {
    const loaded = await this.mediations.load(amended.caseId);
    if (!loaded) return;
    const facts = amended.facts;
    const time = this.timeOf(event, this.mediations.lastStepAt(loaded.state));
    const step = applyCaseAmendment(
      loaded.state,
      {
        orgUnit: { code: facts?.orgUnit?.code ?? '', level: facts?.orgUnit?.level ?? 0 },
        category: facts?.category ?? 0,
        parties: (facts?.parties ?? []).map((p) => ({ ...p })),
        riskLevel: facts?.riskLevel ?? 0,
        changedFields: amendedFieldsText(amended.changedFields),
      },
      actorOf(amended.amendedBy),
      { now: time.at },
      loaded.lastSequence,
    );
    if (!step) {
      log.info(
        { caseId: amended.caseId, status: loaded.state.status },
        'CaseAmended after acceptance: ignored',
      );
      return;
    }
    await this.mediations.save(loaded, { step, actor: actorOf(amended.amendedBy) }, time);
  }

  /** The event's time (backfilled when old and backfill is on), and the clock's of this write. */
  private timeOf(event: BusEvent, notBefore: Date | null): StepTime {
    const writtenAt = this.options.clock();
    const time = eventTime(
      event.occurredAt,
      writtenAt,
      this.options.backfillEnabled,
      notBefore,
      event.backfilled,
    );
    return { ...time, writtenAt };
  }

  private async create(opened: intakeV1.CaseOpened, event: BusEvent): Promise<void> {
    const facts = opened.facts;
    const orgUnitCode = facts?.orgUnit?.code ?? '';
    if (!opened.caseId || !this.directory.has(orgUnitCode)) {
      log.error({ caseId: opened.caseId, orgUnitCode }, 'CaseOpened without a known org unit');
      return;
    }
    if (await this.mediations.load(opened.caseId)) return;
    // A backfilled CaseOpened (old occurredAt, backfill on) creates the mediation as of then.
    const time = this.timeOf(event, null);
    const entrusted = facts?.referringInstitutionCode
      ? ({
          code: facts.referringInstitutionCode,
          type: facts.referringInstitutionType,
        } satisfies commonV1.InstitutionRef)
      : null;
    const result = createMediation(
      {
        caseId: opened.caseId,
        caseNumber: opened.caseNumber,
        committee: firstHandler(this.directory, orgUnitCode),
        orgUnit: { code: orgUnitCode, level: facts?.orgUnit?.level ?? 0 },
        category: facts?.category ?? 0,
        source: facts?.source ?? 0,
        channel: facts?.channel ?? 0,
        parties: (facts?.parties ?? []).map((p) => ({ ...p })),
        riskLevel: facts?.riskLevel ?? 0,
        referralId: opened.referralId,
        entrustedBy: opened.referralId ? entrusted : null,
        entrustedTermDueAt: opened.entrustedTermDueAt
          ? fromTimestamp(opened.entrustedTermDueAt)
          : null,
      },
      { now: time.at, actor: SYSTEM_ACTOR, newId: randomUUID, rules: this.options.rules },
    );
    try {
      await this.mediations.create(result, SYSTEM_ACTOR, time);
    } catch (error) {
      // Another instance (or a redelivery racing this one) created it: nothing to do.
      if (!(error instanceof AggregateExistsError)) throw error;
    }
  }
}

/** Who amended the case, as the mediation's timeline keeps actors. */
function actorOf(ref: commonV1.ActorRef | null | undefined) {
  return {
    subject: ref?.subject ?? '',
    role: ref?.role ?? 0,
    orgUnitCode: ref?.orgUnitCode ?? '',
    displayName: ref?.displayName ?? '',
  };
}
