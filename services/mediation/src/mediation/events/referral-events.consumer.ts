import type { Kafka } from 'kafkajs';
import type { Connection } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { decodePayload, EVENT_TYPES } from '@mediation/contracts';
import { NonRetriableError, type BusEvent, type EventPublisher } from '@mediation/event-bus';
import type { OrgDirectory } from '@mediation/org-directory';
import { eventTime, BackgroundConsumer } from '@mediation/service-kit';
import { createLogger } from '@mediation/telemetry';
import {
  ALLOWED_IN,
  InvalidInputError,
  linkFailureReferral,
  outcomeClosesMediation,
  receiveReferralOutcome,
  referralOutcomeRecorded,
} from '../domain';
import type { MediationOptions } from '../../mediation.tokens';
import type { MediationRepository } from '../persistence/mediation.repository';
import { SYSTEM_ACTOR } from './mediation-recorder';
import { filedReferralFrom, referralOutcomeFrom } from './referral-outcome.mapper';

const log = createLogger('mediation:referral-events');

/**
 * The way back from the referral service. ReferralCreated of a referral made after 调解不成 for a
 * mediation that failed with a referral requested records it as the referral filed for that
 * failure (domain: filedForFailure); when THAT referral gets its outcome (ReferralOutcomeRecorded),
 * the mediation closes as REFERRED_OUT with the institution's outcome and reference. Any other
 * referral's outcome (OUT_OF_SCOPE, one filed while the mediation was still going on) leaves the
 * mediation alone, as does a mediation no longer FAILED (closed by hand, say). Both events of a
 * referral share its partition, so the creation is seen before the outcome. Exactly once: the
 * sequence store (per referral) drops redeliveries, and the domain steps change nothing twice.
 */
export class ReferralEventsConsumer extends BackgroundConsumer {
  constructor(
    kafka: Kafka,
    connection: Connection,
    publisher: EventPublisher,
    private readonly mediations: MediationRepository,
    private readonly directory: OrgDirectory,
    private readonly options: MediationOptions,
  ) {
    super(kafka, connection, publisher, {
      groupId: options.referralConsumerGroup,
      topics: [options.referralTopic],
      logger: log,
    });
  }

  async handle(event: BusEvent): Promise<void> {
    if (event.eventType === EVENT_TYPES.ReferralCreated.type) return this.filed(event);
    if (event.eventType !== EVENT_TYPES.ReferralOutcomeRecorded.type) return;
    const recorded = decodePayload(EVENT_TYPES.ReferralOutcomeRecorded.type, event.payload);
    const outcome = referralOutcomeFrom(recorded, this.directory);
    if (!outcome) return;
    const loaded = await this.mediations.load(outcome.mediationId);
    if (!loaded) {
      log.warn(
        { mediationId: outcome.mediationId, referralId: outcome.input.referralId },
        'referral outcome for an unknown mediation',
      );
      return;
    }
    const state = loaded.state;
    if (referralOutcomeRecorded(state, outcome.input.referralId)) return; // a repeat
    if (!ALLOWED_IN.ReceiveReferralOutcome.includes(state.status)) {
      log.info(
        { mediationId: outcome.mediationId, status: state.status },
        'referral outcome for a mediation that is not FAILED: left as it is',
      );
      return;
    }
    if (!outcomeClosesMediation(state, outcome.input.referralId)) {
      log.info(
        { mediationId: outcome.mediationId, referralId: outcome.input.referralId },
        "outcome of a referral not filed for the mediation's failure: left as it is",
      );
      return;
    }
    // A backfilled outcome (an old occurredAt, backfill on) is dated as it happened.
    const writtenAt = this.options.clock();
    const time = eventTime(
      event.occurredAt,
      writtenAt,
      this.options.backfillEnabled,
      this.mediations.lastStepAt(state),
      event.backfilled,
    );
    const ctx = {
      now: time.at,
      actor: outcome.actor,
      newId: randomUUID,
      rules: this.options.rules,
    };
    let step;
    try {
      step = receiveReferralOutcome(state, outcome.input, ctx);
    } catch (error) {
      // A malformed outcome (no outcome code) will not heal: straight to the dead-letter topic.
      if (error instanceof InvalidInputError)
        throw new NonRetriableError(error.message, { cause: error });
      throw error;
    }
    // A conflict with a concurrent command throws ConcurrencyError: the consumer retries.
    await this.mediations.save(loaded, { step, actor: outcome.actor }, { ...time, writtenAt });
  }

  /** ReferralCreated: remembers the referral filed for the failure, if it is that one. */
  private async filed(event: BusEvent): Promise<void> {
    const created = decodePayload(EVENT_TYPES.ReferralCreated.type, event.payload);
    const filed = filedReferralFrom(created, event.occurredAt);
    if (!filed) return;
    const loaded = await this.mediations.load(filed.mediationId);
    if (!loaded) return;
    const result = linkFailureReferral(loaded.state, filed.referral);
    if (!result) return;
    // No event: the referral service has published the fact; this only keeps the link.
    await this.mediations.record(loaded, result, SYSTEM_ACTOR, this.options.clock());
  }
}
