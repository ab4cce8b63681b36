// Jest global teardown for integration tests. Every suite closes what it opened, so jest exits on
// its own a moment after the last one. Something left running (a service a failed test did not
// stop, a consumer that keeps retrying its start) would keep it waiting for ever, and the run would
// hang until CI's time limit with nothing said. Instead, if jest is still there after a grace
// period, this names what is still open and ends the run as failed. The timer does not itself keep
// the process alive (unref), so a clean run exits as before.
const GRACE_MS = Number(process.env.JEST_EXIT_GRACE_MS || 60_000);

module.exports = async function globalTeardown() {
  setTimeout(() => {
    const counts = {};
    for (const kind of process.getActiveResourcesInfo()) counts[kind] = (counts[kind] ?? 0) + 1;
    const open = Object.entries(counts)
      .map(([kind, n]) => `${kind} ×${n}`)
      .join(', ');
    process.stderr.write(
      `\njest was still running ${GRACE_MS / 1000} s after the last suite ended, held by: ${open}.\n` +
        'A suite left something open (a server, a client, a consumer, a timer); run that project ' +
        'with --detectOpenHandles to see where it was created. Ending the run as failed.\n',
    );
    process.exit(1);
  }, GRACE_MS).unref();
};
