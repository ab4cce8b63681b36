import { commonV1, fromTimestamp, mediationV1, type DecodedEvent } from '@mediation/contracts';
import {
  C,
  escalationEdgeCounter,
  flowCounter,
  ttaBucketCounter,
  ttaBucketIndex,
  type Counters,
} from '../domain/counters';
import type { Contribution, DimensionKeys } from '../domain/contribution';
import {
  categoryKey,
  channelKey,
  closureOutcomeKey,
  fen,
  handlingLevelKey,
  institutionTypeKey,
  shortLevel,
  sourceKey,
} from './enum-keys';
import type { Projected } from './projected';
import type { SessionFact } from './session-facts';

const { ClosureOutcome } = mediationV1;

/** What statistics remembers of a mediation from mediation's own stream. */
export interface MediationState {
  kind: 'mediation';
  orgUnitCode: string;
  keys: DimensionKeys;
  /** HandlingLevel name of the current handler. */
  level: string;
  createdAtMs: number;
  /** The dispute surfaced at a reasoning point: it takes part in the flow view. */
  surfacedAtPoint: boolean;
  /** Agreed, failed, rejected or closed: out of the open backlog until reopened. */
  settled: boolean;
  /** Where it was first settled (flow destination), once known. */
  destination?: string;
  fullyPerformed: boolean;
  /**
   * Dispute figures already counted for this mediation (accepted, rejected, agreements, failed,
   * closed): a dispute counts once in each, however many levels accept it or how often it is
   * reopened and settled again.
   */
  counted?: string[];
  /** Units that already counted the dispute as escalated out of / into their subtree. */
  escalatedOutUnits?: string[];
  escalatedInUnits?: string[];
}

/** The dispute figures counted once per dispute (names in `MediationState.counted`). */
type OnceFigure = 'accepted' | 'rejected' | 'agreement' | 'failed' | 'closed';

/** Flow destination of a settlement by the handler's level. */
const LEVEL_DESTINATION: Record<string, string> = {
  REASONING_POINT: 'ON_THE_SPOT',
  COMMUNITY: 'COMMUNITY',
  STREET: 'STREET',
  DISTRICT: 'DISTRICT',
  CITY: 'CITY',
  INDUSTRY: 'INDUSTRY',
};

const CLOSURE_DESTINATION: Partial<Record<mediationV1.ClosureOutcome, string>> = {
  [ClosureOutcome.CLOSURE_OUTCOME_FAILED]: 'FAILED',
  [ClosureOutcome.CLOSURE_OUTCOME_REJECTED]: 'FAILED',
  [ClosureOutcome.CLOSURE_OUTCOME_STOPPED_BY_REFUSAL]: 'FAILED',
  [ClosureOutcome.CLOSURE_OUTCOME_REFERRED_OUT]: 'REFERRED_OUT',
  [ClosureOutcome.CLOSURE_OUTCOME_WITHDRAWN]: 'WITHDRAWN',
};

const ONLINE = mediationV1.ConsentMethod.CONSENT_METHOD_ONLINE;

class Step {
  readonly contributions: Contribution[] = [];
  sessionFact?: SessionFact;
  constructor(
    public state: MediationState,
    private readonly atMs: number,
    private readonly chainOf: (code: string) => readonly string[],
  ) {}

  /** Counts `counters` only the first time the dispute reaches `figure`. */
  once(figure: OnceFigure, counters: Counters, extraKeys: DimensionKeys = {}) {
    const counted = this.state.counted ?? [];
    if (counted.includes(figure)) return;
    this.state = { ...this.state, counted: [...counted, figure] };
    this.add(counters, extraKeys);
  }

  /**
   * Counts `counter` at `unit` and those of its ancestors that have not counted this dispute for
   * it yet (the dispute may come back into a subtree, or move to another district's).
   */
  oncePerUnit(
    counter: string,
    seen: 'escalatedOutUnits' | 'escalatedInUnits',
    unit: string,
    handlingLevel: string,
  ) {
    const already = this.state[seen] ?? [];
    const units = this.chainOf(unit).filter((u) => !already.includes(u));
    if (units.length === 0) return;
    this.state = { ...this.state, [seen]: [...already, ...units] };
    this.contributions.push({
      orgUnitCode: unit,
      atMs: this.atMs,
      keys: { ...this.state.keys, handlingLevel },
      counters: { [counter]: 1 },
      units,
    });
  }

  add(counters: Counters, extraKeys: DimensionKeys = {}, orgUnitCode = this.state.orgUnitCode) {
    this.contributions.push({
      orgUnitCode,
      atMs: this.atMs,
      keys: { ...this.state.keys, handlingLevel: this.state.level, ...extraKeys },
      counters,
    });
  }

  /** Leaves the backlog once, and records the flow destination the first time. */
  settle(destination: string) {
    if (this.state.settled) return;
    const counters: Counters = { [C.backlogNet]: -1 };
    if (this.state.surfacedAtPoint && !this.state.destination) {
      counters[flowCounter(destination)] = 1;
      this.state = { ...this.state, destination };
    }
    this.state = { ...this.state, settled: true };
    this.add(counters);
  }

  done(): Projected<MediationState> {
    return {
      state: this.state,
      contributions: this.contributions,
      ...(this.sessionFact ? { sessionFact: this.sessionFact } : {}),
    };
  }
}

function created(
  p: mediationV1.MediationCreated,
  atMs: number,
  envelopeUnit: string,
  chainOf: (code: string) => readonly string[],
): Projected<MediationState> {
  const keys: DimensionKeys = {
    category: categoryKey(p.category),
    source: sourceKey(p.source),
    channel: channelKey(p.channel),
  };
  if (p.entrustedBy?.type) keys.institutionType = institutionTypeKey(p.entrustedBy.type);
  const state: MediationState = {
    kind: 'mediation',
    orgUnitCode: p.orgUnit?.code || envelopeUnit,
    keys,
    level: handlingLevelKey(p.context?.committee?.level ?? 0),
    createdAtMs: atMs,
    surfacedAtPoint: p.orgUnit?.level === commonV1.OrgUnitLevel.ORG_UNIT_LEVEL_REASONING_POINT,
    settled: false,
    fullyPerformed: false,
    counted: [],
    escalatedOutUnits: [],
    escalatedInUnits: [],
  };
  const step = new Step(state, atMs, chainOf);
  step.add({ [C.backlogNet]: 1, ...(state.surfacedAtPoint ? { [C.surfacedAtPoints]: 1 } : {}) });
  return step.done();
}

/**
 * @param chainOf the unit and its ancestors (org-chain.ts): figures counted once per unit need
 * to know which units an increment reaches.
 */
export function projectMediation(
  event: DecodedEvent,
  prior: MediationState | undefined,
  atMs: number,
  envelopeUnit: string,
  chainOf: (code: string) => readonly string[],
): Projected<MediationState> | undefined {
  if (event.type === 'mediation.mediation.v1.MediationCreated')
    return prior
      ? { state: prior, contributions: [] }
      : created(event.payload, atMs, envelopeUnit, chainOf);
  // Without its MediationCreated the mediation cannot be attributed (dead-lettered or lost).
  if (!prior) return undefined;
  const step = new Step(prior, atMs, chainOf);
  const level = () => shortLevel(step.state.level);
  /** Acts count where the mediation was handled when they happened (the event's committee). */
  const handler = (context: mediationV1.MediationEventContext | null | undefined) =>
    context?.committee?.orgUnitCode || step.state.orgUnitCode;
  switch (event.type) {
    case 'mediation.mediation.v1.MediationAccepted':
      // Accepted again after each escalation or transfer: one dispute, several acceptances.
      step.add({ [C.acceptances]: 1 });
      step.once('accepted', { [C.accepted]: 1 });
      break;
    case 'mediation.mediation.v1.MediationRejected':
      step.once('rejected', { [C.rejected]: 1 });
      step.settle('FAILED');
      break;
    case 'mediation.mediation.v1.MediationEscalated': {
      const p = event.payload;
      const from = handlingLevelKey(p.fromCommittee?.level ?? 0);
      const to = handlingLevelKey(p.toCommittee?.level ?? 0);
      step.oncePerUnit(
        C.escalatedOut,
        'escalatedOutUnits',
        p.fromCommittee?.orgUnitCode || prior.orgUnitCode,
        from,
      );
      step.oncePerUnit(
        C.escalatedIn,
        'escalatedInUnits',
        p.toCommittee?.orgUnitCode || prior.orgUnitCode,
        to,
      );
      if (prior.surfacedAtPoint)
        step.add({ [escalationEdgeCounter(shortLevel(from), shortLevel(to))]: 1 });
      step.state = { ...step.state, level: to };
      break;
    }
    case 'mediation.mediation.v1.MediationTransferred':
      step.state = {
        ...step.state,
        level: handlingLevelKey(event.payload.toCommittee?.level ?? 0),
      };
      break;
    case 'mediation.mediation.v1.AgreementReached': {
      const p = event.payload;
      const written = p.form !== mediationV1.AgreementForm.AGREEMENT_FORM_ORAL;
      const minutes = Math.max(0, Math.round((atMs - prior.createdAtMs) / 60_000));
      // A second agreement after a reopening is the same dispute's: its first one counted.
      step.once('agreement', {
        [written ? C.agreementsWritten : C.agreementsOral]: 1,
        [C.agreementAmountFen]: fen(p.totalAmount),
        [C.ttaMinutes]: minutes,
        [C.ttaCount]: 1,
        [ttaBucketCounter(ttaBucketIndex(minutes))]: 1,
        [C.performanceDue]: p.performanceDueAt ? 1 : 0,
      });
      step.settle(LEVEL_DESTINATION[level()] ?? level());
      break;
    }
    case 'mediation.mediation.v1.MediationFailed':
      step.once('failed', { [C.failed]: 1 });
      step.settle(event.payload.referralRequested ? 'REFERRED_OUT' : 'FAILED');
      break;
    case 'mediation.mediation.v1.JudicialConfirmationRequested':
      step.add({ [C.confirmationsRequested]: 1 });
      break;
    case 'mediation.mediation.v1.JudicialConfirmationRecorded':
      if (
        event.payload.result ===
        mediationV1.JudicialConfirmationResult.JUDICIAL_CONFIRMATION_RESULT_CONFIRMED
      )
        step.add({ [C.confirmationsConfirmed]: 1 });
      break;
    case 'mediation.mediation.v1.PerformanceRecorded':
      if (event.payload.agreementFullyPerformed && !prior.fullyPerformed) {
        step.add({ [C.performed]: 1 });
        step.state = { ...step.state, fullyPerformed: true };
      }
      break;
    case 'mediation.mediation.v1.SatisfactionRecorded': {
      const score = event.payload.score;
      if (score >= 1 && score <= 5)
        step.add({ [C.satisfactionSum]: score, [C.satisfactionCount]: 1 });
      break;
    }
    case 'mediation.mediation.v1.DeadlineBreached': {
      const kind = event.payload.kind;
      const { DeadlineKind } = mediationV1;
      if (
        kind === DeadlineKind.DEADLINE_KIND_MEDIATION_TERM ||
        kind === DeadlineKind.DEADLINE_KIND_ENTRUSTED_TERM ||
        kind === DeadlineKind.DEADLINE_KIND_ACCEPTANCE_DECISION
      )
        step.add({ [C.overdue]: 1 });
      break;
    }
    case 'mediation.mediation.v1.MediationClosed': {
      const p = event.payload;
      step.once(
        'closed',
        {
          [C.closed]: 1,
          [C.preventedCriminalCases]: p.preventedCriminalEscalation ? 1 : 0,
          [C.preventedCriminalPersons]: p.preventedCriminalEscalation
            ? p.preventedCriminalEscalationPersons
            : 0,
          [C.preventedPetitionCases]: p.preventedMassPetition ? 1 : 0,
          [C.preventedPetitionPersons]: p.preventedMassPetition
            ? p.preventedMassPetitionPersons
            : 0,
        },
        { outcome: closureOutcomeKey(p.outcome) },
      );
      step.settle(CLOSURE_DESTINATION[p.outcome] ?? LEVEL_DESTINATION[level()] ?? level());
      break;
    }
    case 'mediation.mediation.v1.ConsentRecorded':
      if (event.payload.method === ONLINE)
        step.add({ [C.consentsOnline]: 1 }, {}, handler(event.payload.context));
      break;
    case 'mediation.mediation.v1.RefusalRecorded':
      if (event.payload.method === ONLINE)
        step.add({ [C.refusalsOnline]: 1 }, {}, handler(event.payload.context));
      break;
    case 'mediation.mediation.v1.AgreementSigned':
      if (event.payload.method === ONLINE)
        step.add({ [C.signaturesOnline]: 1 }, {}, handler(event.payload.context));
      break;
    case 'mediation.mediation.v1.SessionRecorded': {
      const p = event.payload;
      const parties: Record<string, boolean> = {};
      for (const id of p.noShowPartyIds) parties[id] = false;
      // A party listed as both attended in the end.
      for (const id of p.attendedPartyIds) parties[id] = true;
      const attended = Object.values(parties).filter(Boolean).length;
      const orgUnitCode = handler(p.context);
      const heldAtMs = p.heldAt ? fromTimestamp(p.heldAt).getTime() : atMs;
      const keys = { ...step.state.keys, handlingLevel: step.state.level };
      step.contributions.push({
        orgUnitCode,
        atMs,
        keys,
        counters: {
          [C.sessionsHeld]: 1,
          [C.attendances]: attended,
          [C.noShows]: Object.keys(parties).length - attended,
        },
      });
      if (p.sessionId && Object.keys(parties).length > 0)
        step.sessionFact = {
          kind: 'held',
          sessionId: p.sessionId,
          parties,
          orgUnitCode,
          keys,
          atMs,
          heldAtMs,
        };
      break;
    }
    // Steps of the parties' app that statistics keeps nothing of (yet): known, not dead letters.
    case 'mediation.mediation.v1.AgreementProposed':
    case 'mediation.mediation.v1.SessionResponseRecorded':
      break;
    case 'mediation.mediation.v1.MediationReopened':
      if (prior.settled) {
        step.state = { ...step.state, settled: false };
        step.add({ [C.backlogNet]: 1 });
      }
      break;
    default:
      return undefined;
  }
  return step.done();
}
