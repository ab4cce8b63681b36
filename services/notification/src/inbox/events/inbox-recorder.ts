import type { DecodedEvent } from '@mediation/contracts';
import type { BusEvent } from '@mediation/event-bus';
import type { OrgDirectory } from '@mediation/org-directory';
import type { CasePartiesRepository } from '../../notice/persistence/case-parties.repository';
import type { InboxRepository } from '../persistence/inbox.repository';
import { inboxFactOf, type Holder } from './inbox-item.mapper';

/**
 * Keeps the staff inbox: one item per event that calls for it, addressed to the committee holding
 * the case when it happened (as the event names it; else as this service last saw the case).
 */
export class InboxRecorder {
  constructor(
    private readonly inbox: InboxRepository,
    private readonly cases: CasePartiesRepository,
    private readonly directory: OrgDirectory,
    private readonly clock: () => Date,
  ) {}

  /** True when an item was added (false: nothing to add, or added before). */
  async record(event: BusEvent, decoded: DecodedEvent, caseId: string): Promise<boolean> {
    const fact = inboxFactOf(decoded);
    if (!fact) return false;
    const known = fact.holder?.orgUnitCode && fact.caseNumber ? null : await this.cases.get(caseId);
    const holder = this.resolve(
      fact.holder ?? known?.holder ?? { committeeCode: '', orgUnitCode: '' },
      known?.orgUnitCode || event.orgUnitCode,
    );
    return this.inbox.addOnce({
      _id: event.eventId,
      caseId,
      caseNumber: fact.caseNumber || known?.caseNumber || '',
      kind: fact.kind,
      partyId: fact.partyId,
      occurredAt: event.occurredAt,
      orgUnitCode: holder.orgUnitCode,
      committeeCode: holder.committeeCode,
      chain: this.chain(holder.orgUnitCode),
      sessionId: fact.sessionId,
      // The mediation's events carry no party's words: the note stays with the mediation.
      note: '',
      eventType: event.eventType,
      recordedAt: this.clock(),
      readBy: [],
    });
  }

  private resolve(holder: Holder, fallbackUnit: string): Holder {
    if (holder.orgUnitCode) return holder;
    const committee = holder.committeeCode
      ? this.directory.findCommittee(holder.committeeCode)
      : undefined;
    return { ...holder, orgUnitCode: committee?.orgUnitCode ?? fallbackUnit };
  }

  /** The unit and its ancestors, so that a subtree's items are one equality match. */
  private chain(unit: string): string[] {
    if (!unit) return [];
    if (!this.directory.has(unit)) return [unit];
    return [unit, ...this.directory.ancestors(unit).map((u) => u.code)];
  }
}
