import type { DecodedEvent, intakeV1 } from '@mediation/contracts';
import { C, negate, type Counters } from '../domain/counters';
import type { Contribution, DimensionKeys } from '../domain/contribution';
import { categoryKey, channelKey, fen, institutionTypeKey, sourceKey } from './enum-keys';
import type { Projected } from './projected';

/** What statistics remembers of a case from intake's stream. */
export interface IntakeCaseState {
  kind: 'intake';
  orgUnitCode: string;
  keys: DimensionKeys;
  openedAtMs: number;
  people: number;
  amountFen: number;
  mass: boolean;
  /** Linked to an earlier case of the same dispute: its opening no longer counts. */
  duplicate: boolean;
  withdrawn: boolean;
}

function fromFacts(facts: intakeV1.CaseFacts | null | undefined, fallbackUnit: string) {
  const f = facts;
  const keys: DimensionKeys = {
    category: categoryKey(f?.category ?? 0),
    source: sourceKey(f?.source ?? 0),
    channel: channelKey(f?.channel ?? 0),
  };
  if (f?.referringInstitutionType)
    keys.institutionType = institutionTypeKey(f.referringInstitutionType);
  return {
    orgUnitCode: f?.orgUnit?.code || fallbackUnit,
    keys,
    people: Math.max(0, f?.peopleInvolved ?? 0),
    amountFen: fen(f?.amountInvolved),
    mass: f?.massDispute ?? false,
  };
}

/** Everything the opening of a case adds, dated at its opening: reversed by a duplicate link. */
function opening(s: IntakeCaseState, sign: 1 | -1): Contribution {
  const counters: Counters = {
    [C.opened]: 1,
    [C.people]: s.people,
    [C.massDisputes]: s.mass ? 1 : 0,
    [C.amountFen]: s.amountFen,
  };
  return {
    orgUnitCode: s.orgUnitCode,
    atMs: s.openedAtMs,
    keys: s.keys,
    counters: sign === 1 ? counters : negate(counters),
  };
}

export function projectIntake(
  event: DecodedEvent,
  prior: IntakeCaseState | undefined,
  atMs: number,
  envelopeUnit: string,
): Projected<IntakeCaseState> | undefined {
  switch (event.type) {
    case 'mediation.intake.v1.CaseOpened': {
      if (prior) return { state: prior, contributions: [] };
      const state: IntakeCaseState = {
        kind: 'intake',
        ...fromFacts(event.payload.facts, envelopeUnit),
        openedAtMs: atMs,
        duplicate: false,
        withdrawn: false,
      };
      return { state, contributions: [opening(state, 1)], openedCase: true };
    }
    case 'mediation.intake.v1.CaseAmended': {
      if (!prior) return undefined;
      const state = { ...prior, ...fromFacts(event.payload.facts, prior.orgUnitCode) };
      const moved = prior.duplicate ? [] : [opening(prior, -1), opening(state, 1)];
      return { state, contributions: moved };
    }
    case 'mediation.intake.v1.DuplicateLinked': {
      if (!prior || prior.duplicate) return prior && { state: prior, contributions: [] };
      const state = { ...prior, duplicate: true };
      const excluded: Contribution = {
        orgUnitCode: prior.orgUnitCode,
        atMs: prior.openedAtMs,
        keys: prior.keys,
        counters: { [C.duplicatesExcluded]: 1 },
      };
      return { state, contributions: [opening(prior, -1), excluded] };
    }
    case 'mediation.intake.v1.CaseWithdrawn': {
      if (!prior || prior.withdrawn || prior.duplicate)
        return prior && { state: { ...prior, withdrawn: true }, contributions: [] };
      return {
        state: { ...prior, withdrawn: true },
        contributions: [
          {
            orgUnitCode: prior.orgUnitCode,
            atMs,
            keys: prior.keys,
            counters: { [C.withdrawn]: 1 },
          },
        ],
      };
    }
    default:
      return undefined;
  }
}
