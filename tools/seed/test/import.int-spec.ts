import path from 'node:path';
import { fromTimestamp, mediationV1 } from '@mediation/contracts';
import { stringify } from 'csv-stringify/sync';
import { orgDirectory } from '@mediation/org-directory';
import type { Platform } from '@mediation/test-platform';
import { eventually } from '@mediation/testing';
import { cstYear, HistoryLoader } from '../src/loader';
import { checkLedger, importLedger, type ImportReport } from '../src/import/import-ledger';
import { ledgerKey } from '../src/import/ledger-row';
import { parseLedger, readLedger } from '../src/import/read-ledger';
import { standingRoster } from '../src/rosters';
import { demoLine } from '../src/run';
import { adminOf, loaderAddresses, startSeedPlatform } from './backfill-platform';

// The importer end to end: the sample ledger (docs/samples/history-sample.csv) goes through the
// real services with backfilled dates; its cases come back with the ledger's dates and outcomes,
// its bad rows are reported and never written, a second run changes nothing, and a case left
// half-way by a run before is completed by the next one.

const M = mediationV1;
const dir = orgDirectory();
const admin = adminOf(dir);
const SAMPLE = path.resolve(__dirname, '../../../docs/samples/history-sample.csv');
const ledger = readLedger(SAMPLE);
const { plans } = checkLedger(ledger, dir);

let services: Platform;
let first: ImportReport;

beforeAll(async () => {
  services = await startSeedPlatform('import');
}, 90_000);
afterAll(() => services?.stop(), 60_000);

const run = (rows = ledger) =>
  importLedger(rows, dir, loaderAddresses(services), { concurrency: 4 });

const getCase = (caseId: string) =>
  services
    .client('intake')
    .call('getCase', { caseId }, { principal: admin })
    .then((r) => r.case!);
const getMediation = (id: string) =>
  services
    .client('mediation')
    .call('getMediation', { mediationId: id }, { principal: admin })
    .then((r) => r.mediation!);

/** Every case intake holds, with its version. */
async function allCases(): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  let pageToken = '';
  do {
    const res = await services
      .client('intake')
      .call('listCases', { page: { pageSize: 500, pageToken } }, { principal: admin });
    for (const c of res.cases) out.set(c.caseId, c.version);
    pageToken = res.page?.nextPageToken ?? '';
  } while (pageToken);
  return out;
}

/** The mediation once the events of its last step have arrived (a withdrawal closes it). */
const settled = (caseId: string, outcome: string) =>
  eventually(
    async () => {
      const m = await getMediation(caseId);
      return outcome !== 'withdrawn' || m.closedAt ? m : undefined;
    },
    { timeoutMs: 60_000, what: `mediation of ${caseId}` },
  );

const CLOSURE: Record<string, mediationV1.ClosureOutcome> = {
  agreement_written: M.ClosureOutcome.CLOSURE_OUTCOME_AGREEMENT_PERFORMED,
  agreement_oral: M.ClosureOutcome.CLOSURE_OUTCOME_AGREEMENT_PERFORMED,
  failed: M.ClosureOutcome.CLOSURE_OUTCOME_FAILED,
  rejected: M.ClosureOutcome.CLOSURE_OUTCOME_REJECTED,
  withdrawn: M.ClosureOutcome.CLOSURE_OUTCOME_WITHDRAWN,
};

/** The committee (or reasoning point) a ledger's case starts at: its roster names the lead. */
const handlerOf = (orgUnitCode: string) =>
  dir.level(orgUnitCode) === 'POINT' ? orgUnitCode : dir.committeeFor(orgUnitCode).id;
/** The street committee of ZS-2024-0003 (a written agreement) keeps no roster at first. */
const STREET = handlerOf('210202003');

/** Its roster has 孙明, the mediator the ledger names for ZS-2025-0019 (not its first member). */
const YOUHUA_LILIN = handlerOf('210202005006');

async function enterRosters(codes: string[]): Promise<void> {
  const loader = new HistoryLoader(loaderAddresses(services), dir, demoLine(dir));
  try {
    const roster = (c: string) =>
      c === YOUHUA_LILIN
        ? [...standingRoster(c, `${c}-lead`), { ...standingRoster(c, 'sun-ming')[0], name: '孙明' }]
        : standingRoster(c, `${c}-lead`);
    await loader.seedRosters(new Map(codes.map((c) => [c, roster(c)])));
  } finally {
    loader.close();
  }
}

it(
  'imports the sample through the services and reports its bad rows and a refused step',
  () =>
    services.journey(async () => {
      const handlers = new Set(plans.map((p) => handlerOf(p.orgUnitCode)));
      await enterRosters([...handlers].filter((c) => c !== STREET));
      first = await run();
      expect(first).toMatchObject({ rows: 15, imported: 14, alreadyThere: 0, completed: 0 });
      expect(first.failures).toEqual([
        {
          row: 8,
          reference: 'ZS-2024-0003',
          step: 'agree',
          reason: expect.stringContaining('has no active members on its roster'),
        },
      ]);
      expect(first.rejected.map((r) => [r.row, r.reference, r.reason])).toEqual([
        [17, 'ZS-2024-0040', 'party1_id_number: check character does not match (GB 11643)'],
        [18, 'ZS-2024-0041', 'closed_on is before registered_on'],
        [19, 'ZS-2024-0042', 'category: unknown "打架斗殴"'],
        [20, 'ZS-2024-0046', 'registered_on 2099-01-05 is in the future'],
        [21, 'ZS-2024-0043', expect.stringContaining('was merged into')],
        [22, 'ZS-2023-0002', 'reference ZS-2023-0002 is on row 3 already'],
        [23, 'ZS-2024-0044', expect.stringContaining('at least two parties')],
        [24, 'ZS-2024-0045', expect.stringContaining('party1_phone: expected a mainland mobile')],
      ]);
    }),
  300_000,
);

it(
  'resumes the refused case from its refused step once the cause is fixed',
  () =>
    services.journey(async () => {
      const again = await run(); // still refused: no roster
      expect(again).toMatchObject({ alreadyThere: 14, failed: 1 });
      await enterRosters([STREET]);
      const next = await run();
      expect(next.failures).toEqual([]);
      expect(next).toMatchObject({ rows: 15, imported: 0, alreadyThere: 14, completed: 1 });
      const id = next.caseIds.get('ZS-2024-0003')!;
      const m = await getMediation(id);
      expect(m.status).toBe(M.MediationStatus.MEDIATION_STATUS_CLOSED);
      expect(m.mediators.map((x) => x.mediatorId)).toEqual([`${STREET}-lead`]);
      const accepted = m.timeline.filter((t) => t.eventType.endsWith('MediationAccepted'));
      expect(accepted).toHaveLength(1); // the steps before the refused one were not sent again
      first.caseIds.set('ZS-2024-0003', id);
    }),
  300_000,
);

it(
  'gives every case the ledger’s dates and outcome, and writes nothing of a rejected row',
  () =>
    services.journey(async () => {
      const cases = await allCases();
      expect(cases.size).toBe(15);
      for (const plan of plans) {
        const reference = plan.ledger!.reference;
        const caseId = first.caseIds.get(reference)!;
        expect(cases.has(caseId)).toBe(true);
        const c = await getCase(caseId);
        expect(fromTimestamp(c.registeredAt!)).toEqual(plan.openedAt);
        expect(c.caseNumber).toContain(`（${cstYear(plan.openedAt)}）`);
        expect(c.parties.map((p) => p.name)).toEqual(plan.parties.map((p) => p.name));

        const outcome = ledger.rows.find((r) => r.row === plan.index)!.values.outcome;
        const m = await settled(caseId, outcome);
        const times = m.timeline.map((t) => fromTimestamp(t.occurredAt!).getTime());
        expect(times[0]).toBe(plan.openedAt.getTime());
        expect([...times].sort((a, b) => a - b)).toEqual(times); // never backwards
        const last = plan.steps[plan.steps.length - 1];
        expect(times[times.length - 1]).toBeGreaterThanOrEqual(last.at.getTime());
        if (outcome === 'open') {
          expect(m.status).toBe(M.MediationStatus.MEDIATION_STATUS_IN_PROGRESS);
        } else {
          expect([reference, m.status]).toEqual([
            reference,
            M.MediationStatus.MEDIATION_STATUS_CLOSED,
          ]);
          expect([reference, m.closure?.outcome]).toEqual([reference, CLOSURE[outcome]]);
          if (outcome !== 'withdrawn') expect(fromTimestamp(m.closedAt!)).toEqual(last.at);
          if (outcome !== 'withdrawn') expect(m.closure?.note).toContain(reference);
        }
        if (outcome === 'agreement_written')
          expect(m.agreement?.form).toBe(M.AgreementForm.AGREEMENT_FORM_WRITTEN);
      }
      // ZS-2025-0019: the ledger's mediator leads, being on the committee's roster.
      const led = await getMediation(first.caseIds.get('ZS-2025-0019')!);
      expect(led.mediators.map((x) => x.mediatorId)).toEqual(['sun-ming']);
      expect(led.timeline.at(-1)?.actorDisplayName).toBe('孙明');
      // ZS-2023-0001: a written agreement with a payment of 2,500 yuan, performed.
      const m = await getMediation(first.caseIds.get('ZS-2023-0001')!);
      expect(m.agreement?.terms?.obligations.map((o) => o.amount?.amountFen)).toEqual(['250000']);
      expect(m.agreement?.effectiveAt && fromTimestamp(m.agreement.effectiveAt)).toEqual(
        new Date('2023-03-10T06:00:00Z'), // 14:00 CST, the agreement's date without a time
      );
    }),
  300_000,
);

it(
  'changes nothing when run a second time',
  () =>
    services.journey(async () => {
      const before = await allCases();
      const mediations = await Promise.all(
        [...before.keys()].map(async (id) => [id, (await getMediation(id)).version] as const),
      );
      const again = await run();
      expect(again).toMatchObject({
        rows: 15,
        imported: 0,
        alreadyThere: 15,
        completed: 0,
        failed: 0,
      });
      expect(again.rejected).toHaveLength(8);
      expect(await allCases()).toEqual(before);
      for (const [id, version] of mediations)
        expect([id, (await getMediation(id)).version]).toEqual([id, version]);
    }),
  300_000,
);

it(
  'completes a case a run before left half-way, and only what is missing',
  () =>
    services.journey(async () => {
      // The sample's ZS-2025-0063 under a reference of its own.
      const source = ledger.rows.find((r) => r.values.reference === 'ZS-2025-0063')!.values;
      const row = { ...source, reference: 'ZS-2025-0063-R' };
      const halfway = parseLedger(stringify([Object.keys(row), Object.values(row)]));
      const plan = checkLedger(halfway, dir).plans[0];
      expect(plan.key).toBe(ledgerKey('ZS-2025-0063-R'));
      // A run that stopped after acceptance and the parties' consent.
      const loader = new HistoryLoader(loaderAddresses(services), dir, demoLine(dir));
      try {
        const consent = plan.steps.findIndex((s) => s.kind === 'consent');
        await loader.load({ ...plan, steps: plan.steps.slice(0, consent + 1) });
      } finally {
        loader.close();
      }
      const report = await run(halfway);
      expect(report.failures).toEqual([]);
      expect(report).toMatchObject({ rows: 1, imported: 0, alreadyThere: 0, completed: 1 });
      const m = await getMediation(report.caseIds.get('ZS-2025-0063-R')!);
      expect(m.status).toBe(M.MediationStatus.MEDIATION_STATUS_CLOSED);
      const accepted = m.timeline.filter((t) => t.eventType.endsWith('MediationAccepted'));
      expect(accepted).toHaveLength(1); // not accepted twice
      expect(m.consents).toHaveLength(2);
      const again = await run(halfway);
      expect(again).toMatchObject({ alreadyThere: 1, completed: 0 });
    }),
  300_000,
);

it('refuses a row changed after it was imported, and leaves its case as it was', () =>
  services.journey(async () => {
    const source = ledger.rows.find((r) => r.values.reference === 'ZS-2023-0001')!.values;
    const changed = { ...source, summary: `${source.summary}（更正）` };
    const before = await getMediation(first.caseIds.get('ZS-2023-0001')!);
    const report = await run(
      parseLedger(stringify([Object.keys(changed), Object.values(changed)])),
    );
    expect(report.failures).toEqual([
      {
        row: 2,
        reference: 'ZS-2023-0001',
        step: 'openCase',
        reason: expect.stringMatching(/^ALREADY_EXISTS: idempotency_key was already used/),
      },
    ]);
    expect((await getMediation(before.mediationId)).version).toBe(before.version);
  }));
