'use strict';
// Latency and throughput of an operation run by concurrent workers.

const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

/** p50, p99 and max of latencies in ms (sorts them in place). */
function latencySummary(latencies) {
  latencies.sort((a, b) => a - b);
  return {
    count: latencies.length,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    max: latencies[latencies.length - 1],
  };
}

/** Runs `total` calls of `op(i)` with `concurrency` workers; throughput and latency percentiles. */
async function measure(total, concurrency, op) {
  const latencies = [];
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        const t0 = process.hrtime.bigint();
        await op(i);
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { perSecond: total / seconds, ...latencySummary(latencies) };
}

module.exports = { latencySummary, measure, percentile };
