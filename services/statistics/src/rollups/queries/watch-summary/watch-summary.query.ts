import type { statisticsV1 } from '@mediation/contracts';
import { Observable } from 'rxjs';
import type { ChangeNotifier } from '../../projection/change.notifier';

const DEFAULT_INTERVAL_MS = 250;

/**
 * The current summary, then the summary again after every event that changed it, at most one
 * message per min_interval_ms (changes in between are coalesced, never dropped: the next
 * message reflects them). Each summary is a GetSummary of its own (`summaryOf`), so it is
 * authorized and refused exactly as one.
 */
export function watchSummary(
  notifier: ChangeNotifier,
  request: statisticsV1.WatchSummaryRequest,
  summaryOf: (request: statisticsV1.GetSummaryRequest) => Promise<statisticsV1.GetSummaryResponse>,
): Observable<statisticsV1.WatchSummaryResponse> {
  const summaryRequest: statisticsV1.GetSummaryRequest = {
    orgUnitCode: request.orgUnitCode,
    period: request.period,
    dimensions: request.dimensions ?? [],
    filters: request.filters ?? [],
  };
  const interval = request.minIntervalMs > 0 ? request.minIntervalMs : DEFAULT_INTERVAL_MS;
  return new Observable((subscriber) => {
    let timer: NodeJS.Timeout | undefined;
    let trigger: string | undefined;
    let lastSent = 0;
    let closed = false;
    const send = async (triggerEventType: string) => {
      try {
        const summary = await summaryOf(summaryRequest);
        if (!closed) subscriber.next({ summary, triggerEventType });
      } catch (error) {
        subscriber.error(error);
      }
    };
    const flush = async () => {
      timer = undefined;
      const t = trigger ?? '';
      trigger = undefined;
      lastSent = Date.now();
      await send(t);
    };
    // Validation and permission errors end the call before anything is sent.
    void send('').then(() => (lastSent = Date.now()));
    const unsubscribe = notifier.subscribe((change) => {
      if (!change.orgUnitCodes.has(request.orgUnitCode)) return;
      trigger = change.eventType;
      if (!timer)
        timer = setTimeout(() => void flush(), Math.max(0, lastSent + interval - Date.now()));
    });
    return () => {
      closed = true;
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  });
}
