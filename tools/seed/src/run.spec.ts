import { status } from '@grpc/grpc-js';
import { orgDirectory } from '@mediation/org-directory';
import { StepFailed, type Addresses, type CaseResult, type Opened } from './loader';
import { historyEnd, planHistory, type CasePlan } from './plan';
import { loadHistory, loadingOrder, type RunOptions } from './run';

// loadHistory against a fake loader that keeps registrations and acts as the services do for
// it: a key is scoped by who registers, the same key with another request is ALREADY_EXISTS,
// a replay answers the first registration (with its time), an act before the last is refused.

jest.mock('./loader', () => ({
  ...jest.requireActual<typeof import('./loader')>('./loader'),
  HistoryLoader: jest.fn(() => mockStore.loader()),
}));

const dir = orgDirectory();
const addresses = {} as Addresses;

interface Stored {
  request: string;
  registeredAt: Date;
  acts: number[];
}

class FakeStore {
  readonly cases = new Map<string, Stored>();
  registrations = 0;
  /** Stops a case before its i-th step (a run interrupted), once. */
  interrupt?: (plan: CasePlan, i: number) => boolean;

  /** The registrar, as HistoryLoader.desk picks it (approximately), scopes the key. */
  id(plan: CasePlan): string {
    const registrar = plan.entrust
      ? `lawyer-${plan.entrust.deskCode}`
      : plan.entry === 'hotline' || plan.entry === 'online'
        ? plan.entry
        : plan.orgUnitCode;
    return `${registrar}/${plan.key}`;
  }

  /** What the registration request carries (EntrustCase: its date too). */
  request(plan: CasePlan): string {
    const { entry, orgUnitCode, category, parties, peopleInvolved, amountFen, description } = plan;
    const entrusted = plan.entrust && { ...plan.entrust, at: plan.openedAt.getTime() };
    return JSON.stringify([
      entry,
      orgUnitCode,
      category,
      parties,
      peopleInvolved,
      amountFen,
    ]).concat(description, JSON.stringify(entrusted ?? null));
  }

  register(plan: CasePlan): Opened {
    this.registrations++;
    const caseId = this.id(plan);
    const found = this.cases.get(caseId);
    if (found && found.request !== this.request(plan))
      throw new StepFailed('openCase', {
        code: status.ALREADY_EXISTS,
        details: 'idempotency_key was already used with a different request',
      });
    if (!found)
      this.cases.set(caseId, {
        request: this.request(plan),
        registeredAt: plan.openedAt,
        acts: [],
      });
    const registeredAt = (found ?? this.cases.get(caseId)!).registeredAt;
    return { caseId, version: '1', replayed: !!found, repeated: false, registeredAt };
  }

  /** HistoryLoader.load: steps after the case's last act are taken, in order. */
  load(plan: CasePlan, options: { resume?: boolean; opened?: Opened }) {
    const opened = options.opened ?? this.register(plan);
    const caseId = opened.caseId;
    if (opened.replayed && !options.resume) return { result: 'replayed' as CaseResult, caseId };
    const acts = this.cases.get(caseId)!.acts;
    const done = opened.replayed ? Math.max(-Infinity, ...acts) : 0;
    let sent = 0;
    for (const [i, step] of plan.steps.entries()) {
      const at = step.at.getTime();
      if (at <= done) continue;
      if (this.interrupt?.(plan, i)) throw new Error('interrupted');
      if (at < Math.max(-Infinity, ...acts))
        throw new StepFailed(step.kind, {
          code: status.FAILED_PRECONDITION,
          details: 'before the last step',
        });
      acts.push(at);
      sent++;
    }
    const result: CaseResult = !opened.replayed ? 'loaded' : sent > 0 ? 'resumed' : 'replayed';
    return { result, caseId };
  }

  loader() {
    return {
      timings: new Map(),
      transientRetries: 0,
      whenServing: async () => undefined,
      seedRosters: async () => 0,
      seedDeskStaff: async () => 0,
      register: async (plan: CasePlan) => this.register(plan),
      load: async (plan: CasePlan, options: { resume?: boolean; opened?: Opened }) =>
        this.load(plan, options),
      close: () => undefined,
    };
  }

  /** Every plan's case is there with exactly its registration time and acts. */
  holdsExactly(plans: CasePlan[]): void {
    expect(this.cases.size).toBe(plans.length);
    for (const p of plans) {
      const c = this.cases.get(this.id(p));
      expect({ key: p.key, at: c?.registeredAt, acts: c?.acts }).toEqual({
        key: p.key,
        at: p.openedAt,
        acts: p.steps.map((s) => s.at.getTime()),
      });
    }
  }
}

let mockStore: FakeStore;
beforeEach(() => (mockStore = new FakeStore()));

const CASES = 300;
const plan = (end: Date) => planHistory(dir, { cases: CASES, years: 2, seed: 12348, now: end });
const planOn = (t: string) => plan(historyEnd(new Date(t)));
const load = (plans: CasePlan[], options: Partial<RunOptions> = {}) =>
  loadHistory(plans, dir, addresses, { concurrency: 4, replan: plan, ...options });

const DAY1 = '2026-11-26T09:30:00+08:00';

describe('loadHistory of the generated history', () => {
  it('loads the probe first', () => {
    const plans = planOn(DAY1);
    expect(loadingOrder(plans)[0]).toBe(plans[plans.length - 1]);
    expect(loadingOrder(plans)[0].probe).toBe(true);
  });

  it('finds a history loaded on one day on any later day: nothing sent again, none failed', async () => {
    const day1 = planOn(DAY1);
    expect(await load(day1)).toMatchObject({ loaded: CASES, failed: 0, alreadyLoaded: false });
    for (const later of ['2026-11-27T08:00:00+08:00', '2027-01-15T20:00:00+08:00']) {
      mockStore.registrations = 0;
      const summary = await load(planOn(later));
      expect(summary).toMatchObject({ alreadyLoaded: true, loaded: 0, replayed: 1, failed: 0 });
      expect(summary.plannedEnd).toEqual(historyEnd(new Date(DAY1)));
      expect(summary.errors).toEqual([]);
      expect(mockStore.registrations).toBe(1);
      mockStore.holdsExactly(day1);
    }
  });

  it('with --resume on a later day completes the history as planned on its own day', async () => {
    const day1 = planOn(DAY1);
    mockStore.interrupt = (p, i) => p.index % 4 === 1 && i === 1;
    const first = await load(day1);
    const halfWay = day1.filter((p) => p.index % 4 === 1 && p.steps.length > 1).length;
    expect(first).toMatchObject({ failed: halfWay });
    mockStore.interrupt = undefined;
    const reports: string[] = [];
    const summary = await load(planOn('2026-11-29T11:00:00+08:00'), {
      resume: true,
      report: (line) => reports.push(line),
    });
    expect(summary).toMatchObject({ loaded: 0, resumed: halfWay, failed: 0 });
    expect(summary.replayed).toBe(CASES - halfWay);
    expect(reports).toContain(
      'history: the one here was planned on 2026-11-26; resuming that plan',
    );
    mockStore.holdsExactly(day1);
  });

  it('with --resume on the same day completes a half-loaded history', async () => {
    const morning = planOn(DAY1);
    mockStore.interrupt = (p, i) => p.index % 5 === 2 && i === 2;
    const first = await load(morning);
    const halfWay = morning.filter((p) => p.index % 5 === 2 && p.steps.length > 2).length;
    expect(first.failed).toBe(halfWay);
    mockStore.interrupt = undefined;
    expect(await load(planOn('2026-11-26T23:00:00+08:00'))).toMatchObject({
      alreadyLoaded: true,
      loaded: 0,
      failed: 0,
    });
    const summary = await load(planOn('2026-11-26T23:00:00+08:00'), { resume: true });
    expect(summary).toMatchObject({ loaded: 0, resumed: halfWay, failed: 0 });
    expect(summary.plannedEnd).toBeUndefined();
    mockStore.holdsExactly(morning);
  });

  it('reports another request under a key reused in the middle of a load', async () => {
    const plans = planOn(DAY1);
    const taken = plans[120];
    mockStore.register({ ...taken, description: '另一个案件' });
    const outcomes = new Map<number, unknown>();
    const summary = await load(plans, { onCase: (p, o) => outcomes.set(p.index, o) });
    expect(summary).toMatchObject({ loaded: CASES - 1, failed: 1, alreadyLoaded: false });
    expect(outcomes.get(taken.index)).toEqual({
      result: 'failed',
      step: 'openCase',
      reason: 'ALREADY_EXISTS: idempotency_key was already used with a different request',
    });
    expect(summary.errors).toEqual([
      `case ${taken.index}: openCase: idempotency_key was already used with a different request`,
    ]);
  });

  it('sends nothing more when the probe itself is refused (another history under its key)', async () => {
    const plans = planOn(DAY1);
    const probe = plans[plans.length - 1];
    mockStore.register({ ...probe, description: '另一个案件' });
    for (const resume of [false, true]) {
      mockStore.registrations = 0;
      const summary = await load(plans, { resume });
      expect(summary).toMatchObject({ loaded: 0, failed: 1, alreadyLoaded: false });
      expect(summary.errors[1]).toBe(
        'the probe (the first case) was refused: nothing else was sent',
      );
      expect(mockStore.registrations).toBe(1);
    }
  });
});
