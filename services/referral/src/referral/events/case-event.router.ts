import { decodeEvent, mediationV1, type commonV1, type EventType } from '@mediation/contracts';
import { DomainError } from '@mediation/domain-kit';
import { NonRetriableError, toEnvelope, type BusEvent } from '@mediation/event-bus';
import type { Actor, EntrustmentResult } from '../domain/referral.types';
import { openAfterFailedMediation } from '../commands/create-referral/create-referral.command';
import { raiseRiskAlert } from '../commands/raise-risk-alert/raise-risk-alert.command';
import { reportResult } from '../commands/report-entrustment-result/report-entrustment-result.command';
import type { CaseFactsStore } from '../persistence/case-facts.store';
import type { ReferralDeps } from '../../referral.tokens';

const { ClosureOutcome } = mediationV1;

/** How a closed mediation reads to the institution that entrusted it. */
const CLOSURE_RESULT: Partial<Record<mediationV1.ClosureOutcome, EntrustmentResult>> = {
  [ClosureOutcome.CLOSURE_OUTCOME_AGREEMENT_PERFORMED]: 'AGREEMENT_REACHED',
  [ClosureOutcome.CLOSURE_OUTCOME_AGREEMENT_CONFIRMED]: 'AGREEMENT_REACHED',
  [ClosureOutcome.CLOSURE_OUTCOME_FAILED]: 'MEDIATION_FAILED',
  [ClosureOutcome.CLOSURE_OUTCOME_REFERRED_OUT]: 'MEDIATION_FAILED',
  [ClosureOutcome.CLOSURE_OUTCOME_STOPPED_BY_REFUSAL]: 'MEDIATION_FAILED',
  [ClosureOutcome.CLOSURE_OUTCOME_REJECTED]: 'REJECTED',
  [ClosureOutcome.CLOSURE_OUTCOME_WITHDRAWN]: 'WITHDRAWN',
};

/**
 * The events `CaseEventRouter.handle` acts on: the consumer skips every other one before it
 * touches the store (most of mediation's events mean nothing here). Keep it to the switch's cases;
 * a spec checks that no other type leads to anything.
 */
export const ROUTED_EVENT_TYPES: ReadonlySet<EventType> = new Set<EventType>([
  'mediation.intake.v1.CaseOpened',
  'mediation.intake.v1.CaseAmended',
  'mediation.intake.v1.DocumentAttached',
  'mediation.mediation.v1.MediationCreated',
  'mediation.mediation.v1.MediationEscalated',
  'mediation.mediation.v1.MediationTransferred',
  'mediation.mediation.v1.SessionRecorded',
  'mediation.mediation.v1.MediationFailed',
  'mediation.mediation.v1.AgreementReached',
  'mediation.mediation.v1.MediationRejected',
  'mediation.mediation.v1.RefusalRecorded',
  'mediation.mediation.v1.MediationClosed',
]);

/** The commands case events lead to. */
export interface CaseEventCommands {
  openAfterFailedMediation: OmitDeps<typeof openAfterFailedMediation>;
  reportResult: OmitDeps<typeof reportResult>;
  raiseRiskAlert: OmitDeps<typeof raiseRiskAlert>;
}

type OmitDeps<F> = F extends (deps: never, ...args: infer A) => infer R ? (...args: A) => R : never;

/** The commands, run with the service's own dependencies. */
export const caseEventCommands = (deps: ReferralDeps): CaseEventCommands => ({
  openAfterFailedMediation: (...args) => openAfterFailedMediation(deps, ...args),
  reportResult: (...args) => reportResult(deps, ...args),
  raiseRiskAlert: (...args) => raiseRiskAlert(deps, ...args),
});

const actorOf = (ref: commonV1.ActorRef | null | undefined): Actor | null =>
  ref?.subject ? ref : null;

/**
 * What the referral service does with intake's and mediation's facts: remember what it needs
 * about each case, open outbound referrals for failed mediations, report entrusted cases' results
 * and raise risk alerts. Unknown event types throw UnknownEventTypeError (skipped by the consumer);
 * broken ones go to the dead-letter topic.
 */
export class CaseEventRouter {
  constructor(
    private readonly facts: CaseFactsStore,
    private readonly commands: CaseEventCommands,
  ) {}

  async handle(event: BusEvent): Promise<void> {
    const decoded = decodeEvent(toEnvelope(event));
    // The producer's backfill mark (ce_backfilled) dates what the event leads to (eventTime).
    const meta = {
      causationId: event.eventId,
      correlationId: event.correlationId,
      backfilled: event.backfilled,
    };
    const occurredAt = event.occurredAt;
    const caseId = event.caseId || event.aggregateId;
    try {
      switch (decoded.type) {
        case 'mediation.intake.v1.CaseOpened': {
          const { facts } = decoded.payload;
          await this.facts.set(caseId, {
            caseNumber: decoded.payload.caseNumber,
            orgUnitCode: facts?.orgUnit?.code,
            committee: facts?.committee ?? undefined,
            category: facts?.category,
            riskLevel: facts?.riskLevel,
            referralId: decoded.payload.referralId || undefined,
          });
          if (facts)
            await this.commands.raiseRiskAlert(caseId, facts, {
              ...meta,
              eventType: decoded.type,
              occurredAt,
              caseNumber: async () => decoded.payload.caseNumber,
            });
          return;
        }
        case 'mediation.intake.v1.CaseAmended': {
          const { facts } = decoded.payload;
          await this.facts.set(caseId, {
            orgUnitCode: facts?.orgUnit?.code,
            committee: facts?.committee ?? undefined,
            category: facts?.category,
            riskLevel: facts?.riskLevel,
          });
          if (facts)
            await this.commands.raiseRiskAlert(caseId, facts, {
              ...meta,
              eventType: decoded.type,
              occurredAt,
              caseNumber: async () => (await this.facts.get(caseId))?.caseNumber,
            });
          return;
        }
        case 'mediation.intake.v1.DocumentAttached':
          return this.facts.addDocument(caseId, decoded.payload.documentId);
        case 'mediation.mediation.v1.MediationCreated':
          return this.facts.set(caseId, {
            caseNumber: decoded.payload.caseNumber || undefined,
            orgUnitCode: decoded.payload.orgUnit?.code,
            committee: decoded.payload.context?.committee ?? undefined,
            category: decoded.payload.category,
          });
        case 'mediation.mediation.v1.MediationEscalated':
        case 'mediation.mediation.v1.MediationTransferred':
          return this.facts.set(caseId, {
            committee: decoded.payload.toCommittee ?? undefined,
          });
        case 'mediation.mediation.v1.SessionRecorded':
          return this.facts.countSession(caseId, decoded.payload.contactAttempts);
        case 'mediation.mediation.v1.MediationFailed':
          await this.commands.openAfterFailedMediation(decoded.payload, {
            ...meta,
            caseId,
            occurredAt,
          });
          await this.report(caseId, 'MEDIATION_FAILED', decoded.payload.context?.actor, {
            ...meta,
            occurredAt,
          });
          return;
        case 'mediation.mediation.v1.AgreementReached':
          await this.report(
            caseId,
            'AGREEMENT_REACHED',
            decoded.payload.context?.actor,
            { ...meta, occurredAt },
            {
              agreementId: decoded.payload.agreementId,
            },
          );
          return;
        case 'mediation.mediation.v1.MediationRejected':
          await this.report(caseId, 'REJECTED', decoded.payload.context?.actor, {
            ...meta,
            occurredAt,
          });
          return;
        case 'mediation.mediation.v1.RefusalRecorded':
          if (decoded.payload.stopsMediation)
            await this.report(caseId, 'MEDIATION_FAILED', decoded.payload.context?.actor, {
              ...meta,
              occurredAt,
            });
          return;
        case 'mediation.mediation.v1.MediationClosed': {
          const result = CLOSURE_RESULT[decoded.payload.outcome];
          if (result)
            await this.report(caseId, result, decoded.payload.context?.actor, {
              ...meta,
              occurredAt,
            });
          return;
        }
        default:
          return; // a fact this service does not need
      }
    } catch (error) {
      // A referral rule broken by an event (an unknown desk, a missing case) will not heal.
      if (error instanceof DomainError)
        throw new NonRetriableError(error.message, { cause: error });
      throw error;
    }
  }

  private async report(
    caseId: string,
    result: EntrustmentResult,
    actor: commonV1.ActorRef | null | undefined,
    meta: { causationId: string; correlationId: string; occurredAt?: Date; backfilled?: boolean },
    extra: { agreementId?: string } = {},
  ): Promise<void> {
    const { occurredAt, backfilled, ...ids } = meta;
    await this.commands.reportResult(
      caseId,
      { result, actor: actorOf(actor), ...ids, ...extra },
      occurredAt,
      backfilled,
    );
  }
}
