// Test fixture for the specs (no I/O): the SLA lengths the specs' deadlines are computed with.
import type { SlaPolicy } from './sla-policy';
import { WorkingCalendar } from './working-calendar';

export const testSlaPolicy = (calendar = new WorkingCalendar()): SlaPolicy => ({
  calendar,
  acceptWorkingDays: 3,
  outcomeWorkingDays: 10,
  entrustedTermDays: 30,
});
