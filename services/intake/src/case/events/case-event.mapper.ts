import { EVENT_TYPES, intakeV1, toTimestamp } from '@mediation/contracts';
import type { NewEvent } from '@mediation/persistence';
import type { CaseState } from '../domain/case.entity';
import type { CaseDecision } from '../domain/case-decision';
import type { StoredCase } from '../persistence/case.repository';
import type { CaseEvents } from './case-events';
import { caseFacts } from './case-facts';

/** The events of a new case: CaseOpened, and DuplicateLinked when it has an original. */
export function openingEvents(
  events: CaseEvents,
  caseId: string,
  s: CaseState,
  original: { case: StoredCase; windowDays: number } | null,
  correlationId: string | undefined,
): NewEvent[] {
  const fields = { caseId, orgUnitCode: s.orgUnitCode, correlationId, occurredAt: s.registeredAt };
  const opened = events.event(
    EVENT_TYPES.CaseOpened.type,
    intakeV1.CaseOpened.fromPartial({
      caseId,
      caseNumber: s.caseNumber,
      facts: caseFacts(s),
      registeredAt: toTimestamp(s.registeredAt),
      registeredBy: s.registeredBy,
      referralId: s.referralId,
      externalReference: s.externalReference,
      entrustedTermDueAt: s.entrustedTermDueAt ? toTimestamp(s.entrustedTermDueAt) : undefined,
    }),
    fields,
  );
  if (!original) return [opened];
  const linked = events.event(
    EVENT_TYPES.DuplicateLinked.type,
    intakeV1.DuplicateLinked.fromPartial({
      caseId,
      duplicateOfCaseId: original.case.id,
      basis: intakeV1.DuplicateMatchBasis.DUPLICATE_MATCH_BASIS_PARTIES_AND_CATEGORY,
      windowDays: original.windowDays,
      channel: s.channel,
      duplicateOfChannel: original.case.state.channel,
    }),
    fields,
  );
  return [opened, linked];
}

/** The event a decision on an existing case records (`after`: the state it leaves). */
export function decisionEvent(
  events: CaseEvents,
  caseId: string,
  after: CaseState,
  decision: CaseDecision,
  correlationId: string | undefined,
): NewEvent {
  const fields = {
    caseId,
    orgUnitCode: after.orgUnitCode,
    correlationId,
    occurredAt: after.updatedAt,
  };
  switch (decision.kind) {
    case 'withdrawn':
      return events.event(
        EVENT_TYPES.CaseWithdrawn.type,
        intakeV1.CaseWithdrawn.fromPartial({
          caseId,
          requestedByPartyId: decision.requestedByPartyId,
          withdrawnBy: decision.by,
        }),
        fields,
      );
    case 'amended':
      return events.event(
        EVENT_TYPES.CaseAmended.type,
        intakeV1.CaseAmended.fromPartial({
          caseId,
          facts: caseFacts(after),
          changedFields: decision.amendment.changedFields,
          amendedBy: decision.amendment.amendedBy,
        }),
        fields,
      );
  }
}
