import { Inject, Injectable, Optional } from '@nestjs/common';
import { ConcurrencyError } from '@mediation/persistence';
import { eventTime } from '@mediation/service-kit';
import { BACKFILL_ENABLED, lastStepAt } from '../../backfill';
import { reportEntrustmentResult } from '../../domain/referral.state-machine';
import type { Actor, EntrustmentResult } from '../../domain/referral.types';
import { CaseFactsStore } from '../../persistence/case-facts.store';
import { ReferralRepository } from '../../persistence/referral.repository';
import { CLOCK, type Clock } from '../../referral.tokens';

export interface ResultReport {
  result: EntrustmentResult;
  agreementId?: string;
  judiciallyConfirmed?: boolean;
  actor: Actor | null;
  causationId: string;
  correlationId: string;
}

/**
 * The mediation of an entrusted case ended: the result goes back to the institution
 * (EntrustmentResultReported). The first result stands; later ones and replays change nothing.
 */
@Injectable()
export class ReportEntrustmentResultHandler {
  constructor(
    private readonly referrals: ReferralRepository,
    private readonly caseFacts: CaseFactsStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Optional() @Inject(BACKFILL_ENABLED) private readonly backfillEnabled = false,
  ) {}

  /** Reports the result to the case's entrustment; returns 1 if it did, 0 if nothing changed. */
  async report(caseId: string, report: ResultReport, occurredAt?: Date): Promise<number> {
    // By the case's id (EntrustCase and CaseOpened record it): every mediation that ends comes
    // through here, and a query on the referrals' caseId would read them all on FerretDB.
    const id = (await this.caseFacts.get(caseId))?.referralId;
    if (!id) return 0;
    // A concurrent save (the SLA poller firing the term) is re-read and decided again.
    for (let attempt = 1; ; attempt++) {
      const loaded = await this.referrals.load(id);
      if (!loaded) return 0;
      // A backfilled result (old occurredAt, backfill on) is reported as of then.
      const time = eventTime(
        occurredAt,
        this.clock(),
        this.backfillEnabled,
        lastStepAt(loaded.state),
      );
      const now = time.at;
      const transition = reportEntrustmentResult(loaded.state, report, {
        now,
        actor: report.actor,
      });
      if (!transition) return 0;
      try {
        await this.referrals.apply(loaded, transition, now, {
          ...report,
          ...(time.backfilled ? { backfillWrittenAt: this.clock() } : {}),
        });
        return 1;
      } catch (error) {
        if (!(error instanceof ConcurrencyError) || attempt >= 5) throw error;
      }
    }
  }
}
