import { ConcurrencyError } from '@mediation/persistence';
import { eventTime } from '@mediation/service-kit';
import { reportEntrustmentResult } from '../../domain/referral.state-machine';
import type { Actor, EntrustmentResult } from '../../domain/referral.types';
import type { ReferralDeps } from '../../../referral.tokens';

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
 * Returns 1 if it reported, 0 if nothing changed.
 */
export async function reportResult(
  deps: Pick<ReferralDeps, 'referrals' | 'caseFacts' | 'clock' | 'backfillEnabled'>,
  caseId: string,
  report: ResultReport,
  occurredAt?: Date,
  backfilled?: boolean,
): Promise<number> {
  // By the case's id (EntrustCase and CaseOpened record it): every mediation that ends comes
  // through here, and a query on the referrals' caseId would read them all on FerretDB.
  const id = (await deps.caseFacts.get(caseId))?.referralId;
  if (!id) return 0;
  // A concurrent save (the SLA poller firing the term) is re-read and decided again.
  for (let attempt = 1; ; attempt++) {
    const loaded = await deps.referrals.load(id);
    if (!loaded) return 0;
    // A backfilled result (old occurredAt, backfill on) is reported as of then.
    const time = eventTime(
      occurredAt,
      deps.clock(),
      deps.backfillEnabled,
      deps.referrals.lastStepAt(loaded.state),
      backfilled,
    );
    const now = time.at;
    const transition = reportEntrustmentResult(loaded.state, report, {
      now,
      actor: report.actor,
    });
    if (!transition) return 0;
    try {
      await deps.referrals.apply(loaded, transition, now, {
        ...report,
        ...(time.backfilled ? { backfillWrittenAt: deps.clock() } : {}),
      });
      return 1;
    } catch (error) {
      if (!(error instanceof ConcurrencyError) || attempt >= 5) throw error;
    }
  }
}
