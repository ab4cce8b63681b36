'use strict';
// The city's cases for the benchmark: the demo history's own planner (tools/seed: places from the
// Dalian directory, category and channel mix, seasons, life cycles cut at "now", parties with
// valid resident IDs, cross-channel duplicates), plus callers who come back with a new dispute,
// so that a phone or ID number look-up finds several cases of one person.
const { planHistory } = require('../../../tools/seed/dist/plan');
const { Prng } = require('../../../tools/seed/dist/prng');

/** About one case in twelve is brought by someone who had a case before. */
const RETURNING_CALLER_SHARE = 1 / 12;

/** `cases` plans over `years` up to `now`, oldest first, deterministic for a `seed`. */
function cityHistory(directory, { cases, years, seed, now }) {
  const plans = planHistory(directory, { cases, years, seed, now });
  const rng = new Prng(seed ^ 0x5eed);
  for (const plan of plans) {
    if (plan.index < 100 || plan.duplicateOf !== undefined || !rng.chance(RETURNING_CALLER_SHARE))
      continue;
    const earlier = plans[rng.int(0, plan.index - 1)];
    const applicant = earlier.parties.find((p) => p.role === 'APPLICANT');
    plan.parties = plan.parties.map((p) => (p.role === 'APPLICANT' ? { ...applicant } : p));
  }
  return plans;
}

module.exports = { cityHistory };
