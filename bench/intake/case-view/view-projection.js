'use strict';
// What intake's case view keeps for a case's events, computed by the view's own code from its
// build output, as its store does for each event it consumes: the event (encoded, enveloped as
// on the topic) -> toCaseViewStep -> applyFact on `progress`, and the step as a `case_timeline`
// entry under its event id.
const { onTheBus } = require('./case-events');

const viewDist = (file) => require(`../../../services/intake/dist/case-view/${file}`);
const { toCaseViewStep } = viewDist('events/case-view-event.mapper');
const { applyFact } = viewDist('domain/case-progress.reducer');

/** The first view generation (no rebuild yet). */
const GENERATION = 1;

/** The progress and timeline a case's events leave behind. */
function project(events) {
  let progress = null;
  const timeline = [];
  for (const e of events) {
    const step = toCaseViewStep(onTheBus(e));
    if (!step) continue;
    progress = applyFact(progress, GENERATION, step.sequence, step.fact) ?? progress;
    timeline.push({ ...step.step, _id: step.step.entryId });
  }
  return { progress, timeline };
}

module.exports = { project };
