import type { RunSummary } from '../../src/run';
import type { Snapshot } from './observer';

/** What one fault did, measured from its injection to the platform's recovery. */
export interface FaultRow {
  fault: string;
  /** Injected while the load was still sending. */
  midStream: boolean;
  /** Events written to the case topics meanwhile (their end offsets' growth). */
  published: number;
  /** Messages applied by the EventConsumer groups (mediation, referral, the case view). */
  applied: number;
  /** Redeliveries and replays dropped as already applied. */
  duplicates: number;
  /** Messages parked behind a failure (and applied later, or skipped). */
  parked: number;
  /** Copies written to the dead-letter topics. */
  deadLettered: number;
  /** From the break to the repair done (a restarted service SERVING, a server started). */
  downSeconds: number;
  /**
   * From the repair to: every group caught up with the topics' ends at the repair, statistics
   * counting every case registered before it, nothing parked.
   */
  recoverSeconds: number;
  /**
   * From the repair to the first event the case topics gained after the break: how soon the
   * outboxes publish again (a fault that never stopped them shows about 0).
   */
  publishingAgainSeconds: number | undefined;
  /** Most cases registered by the load that statistics did not count yet, sampled each second. */
  largestGap: number;
}

/** A fault's row from the platform's figures before and after it, and its times. */
export function faultRow(
  fault: string,
  before: Snapshot,
  after: Snapshot,
  measured: Pick<
    FaultRow,
    'midStream' | 'downSeconds' | 'recoverSeconds' | 'publishingAgainSeconds' | 'largestGap'
  >,
): FaultRow {
  return {
    fault,
    ...measured,
    published: after.published - before.published,
    applied: after.applied - before.applied,
    duplicates: after.duplicates - before.duplicates,
    parked: after.parked - before.parked,
    deadLettered: after.deadLettered - before.deadLettered,
  };
}

/** The report as a Markdown table, with the load's own summary. */
export function formatReport(
  rows: readonly FaultRow[],
  run: { cases: number; load?: RunSummary; resumed?: RunSummary; timersFired: number },
): string {
  const header =
    '| fault | mid-stream | published | applied | duplicates dropped | parked | dead-lettered | down (s) | publishing again after (s) | recovered after (s) | largest gap (cases) |';
  const lines = rows.map(
    (r) =>
      `| ${r.fault} | ${r.midStream ? 'yes' : 'no'} | ${r.published} | ${r.applied} | ${r.duplicates} | ${r.parked} | ${r.deadLettered} | ${r.downSeconds.toFixed(1)} | ${r.publishingAgainSeconds?.toFixed(1) ?? '-'} | ${r.recoverSeconds.toFixed(1)} | ${r.largestGap} |`,
  );
  const load = run.load;
  const summary = load
    ? `Load: ${run.cases} cases in ${Math.round(load.ms / 1000)} s, ${load.loaded} loaded, ${load.resumed} completed after their opening's answer was lost and the opening was replayed, ${load.replayed} there before, ${load.failed} failed after the loader's patience (${run.resumed ? `${run.resumed.resumed + run.resumed.loaded} completed by a resumed run, ${run.resumed.failed} failed again` : 'none to resume'}); ${load.transientRetries} calls sent again after UNAVAILABLE or DEADLINE_EXCEEDED.`
    : 'Load: did not finish.';
  const errors = [...(load?.errors ?? []), ...(run.resumed?.errors ?? [])].slice(0, 10);
  return [
    '# Fault suite report',
    '',
    summary,
    ...(errors.length > 0 ? ['', 'First errors:', ...errors.map((e) => `- ${e}`), ''] : []),
    `Timers: ${run.timersFired} deadline and SLA events fired, each once, with two replicas of mediation and of referral running their timers (held off the load's backfilled cases until it was done).`,
    '',
    header,
    '|' + ' --- |'.repeat(11),
    ...lines,
    '',
  ].join('\n');
}
