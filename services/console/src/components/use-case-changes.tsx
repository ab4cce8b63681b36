import { useEffect, useRef, useState } from 'react';
import { Problem, stream } from '../api';
import { useT } from '../i18n';

/** One event of GET /api/v1/stream/cases: what changed, never the case's content. */
export interface CaseChange {
  eventId: string;
  eventType: string;
  status: string;
  caseId: string;
  orgUnitCode: string;
  occurredAt: string;
  aggregateType: string;
  aggregateId: string;
}

export interface LiveState {
  /** The stream is open and the gateway is reading the event topics. */
  live: boolean;
  /** Changes received since the page opened. */
  count: number;
  last: CaseChange | null;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });

/**
 * Follows the live case changes in the user's scope (one case, or all) and calls `onChange`
 * (debounced) whenever something changed, so the page re-reads the API without a reload. The
 * stream carries no case data, only that something happened. It reconnects with back-off; events
 * are not replayed, so a reconnect or a "resync" re-reads as well. 401/403/503 end the attempts.
 */
export function useCaseChanges(caseId: string | undefined, onChange: () => void): LiveState {
  const [state, setState] = useState<LiveState>({ live: false, count: 0, last: null });
  const callback = useRef(onChange);
  useEffect(() => {
    callback.current = onChange;
  });

  useEffect(() => {
    const abort = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refresh = () => {
      clearTimeout(timer);
      timer = setTimeout(() => callback.current(), 250);
    };
    const path = `/stream/cases${caseId ? `?caseId=${encodeURIComponent(caseId)}` : ''}`;
    void (async () => {
      for (let attempt = 0; !abort.signal.aborted; attempt++) {
        try {
          await stream(
            path,
            abort.signal,
            (data, name) => {
              if (name === 'ready') {
                setState((s) => ({ ...s, live: (data as { live?: boolean }).live === true }));
                if (attempt > 0) refresh();
                attempt = 0;
              } else if (name === 'change') {
                setState((s) => ({ live: true, count: s.count + 1, last: data as CaseChange }));
                refresh();
              } else refresh(); // resync: events were dropped
            },
            ['ready', 'change', 'resync'],
          );
        } catch (e) {
          if (abort.signal.aborted) return;
          if (e instanceof Problem && [401, 403, 503].includes(e.status)) {
            setState((s) => ({ ...s, live: false }));
            return;
          }
        }
        setState((s) => ({ ...s, live: false }));
        await sleep(Math.min(30_000, 1_000 * 2 ** attempt), abort.signal);
      }
    })();
    return () => {
      abort.abort();
      clearTimeout(timer);
    };
  }, [caseId]);
  return state;
}

/** "● Live (3)": green while the stream is open; the count of changes that arrived. */
export function LiveBadge({ state }: { state: LiveState }) {
  const t = useT();
  return (
    <span
      className={`live ${state.live ? 'on' : ''}`}
      data-updates={state.count}
      data-last-event={state.last?.eventType ?? ''}
      title={state.last ? `${state.last.status} ${state.last.occurredAt}` : undefined}
    >
      ● {t('live')} {state.count > 0 ? `(${state.count})` : ''}
    </span>
  );
}
