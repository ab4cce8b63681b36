/**
 * kafkajs 2.2.4, its last release, arms the timer of a connection's pending-request check again
 * after every check, even when nothing is pending and the broker does not throttle, and with a
 * negative delay: each broker connection then wakes the process about a thousand times a second
 * while idle (kafkajs issue #1556; the fix, PR #1667, is unreleased). An idle service spent 3-6% of
 * a core on it. The check is needed only while requests wait or the broker throttles, and a
 * request that has to wait arms it again (`push`), so the timer is left unarmed otherwise.
 */

interface RequestQueueLike {
  pending: unknown[];
  throttledUntil: number;
  scheduleCheckPendingRequests(): void;
}

type Schedule = ((this: RequestQueueLike) => void) & { idleAware?: true };

/** Applies the fix to kafkajs's RequestQueue once per process (every client shares it). */
export function quietIdleKafkaConnections(): void {
  // The class is internal to kafkajs (not in its typings): loaded from its source path.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const RequestQueue = require('kafkajs/src/network/requestQueue') as {
    prototype: { scheduleCheckPendingRequests: Schedule };
  };
  const original = RequestQueue.prototype.scheduleCheckPendingRequests;
  if (original.idleAware) return;
  const schedule: Schedule = function (this: RequestQueueLike) {
    if (this.pending.length === 0 && !(this.throttledUntil > Date.now())) return;
    original.call(this);
  };
  schedule.idleAware = true;
  RequestQueue.prototype.scheduleCheckPendingRequests = schedule;
}
