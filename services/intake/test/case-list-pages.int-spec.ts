import type { Connection } from 'mongoose';
import { connectMongo, type AggregateModel } from '@mediation/persistence';
import { assertTestDatabaseName, testMongoUrl, uniqueName } from '@mediation/testing';
import { CaseEvents } from '../src/case/events/case-events';
import type { CaseListQuery } from '../src/case/persistence/case-list.filter';
import { CaseRepository } from '../src/case/persistence/case.repository';
import { caseSchema, CASES_COLLECTION } from '../src/case/persistence/case.schema';

// ListCases' pages in a real store: after a cursor a page is read as the rest of the cursor's
// instant, then the older cases (casePageFilters). Paging must give every case once, newest
// first and by id within one instant, also when a page ends inside an instant, and within a
// registration period.

const T0 = new Date('2025-03-01T08:00:00Z');
const at = (minutes: number) => new Date(+T0 + minutes * 60_000);
// Four cases share one instant (minute 10), two others minute 5, one minute 20, one minute 0.
const registered = [20, 10, 10, 10, 10, 5, 5, 0];
const stored = registered.map((minutes, i) => ({
  _id: `00000000-0000-4000-8000-0000000000${String(i).padStart(2, '0')}`,
  version: 1,
  lastSequence: 1,
  outbox: [],
  outboxPending: 0,
  idempotencyScope: `pages:${i}`,
  committeeCode: '210202001010',
  numberYear: 2025,
  numberSeq: i + 1,
  caseNumber: `（2025）中山调字第${String(i + 1).padStart(5, '0')}号`,
  orgPath: ['2102', '210202'],
  registeredAt: at(minutes),
  parties: [],
  searchKeys: [],
}));
// The list's order: newest first, then the larger id first.
const expected = [...stored]
  .sort((a, b) => +b.registeredAt - +a.registeredAt || (a._id < b._id ? 1 : -1))
  .map((c) => c._id);

let connection: Connection;
let cases: CaseRepository;

/** Every page of `q` at `size` cases a page, as the handler turns pages (by the last case). */
async function allPages(q: Partial<CaseListQuery>, size: number): Promise<string[][]> {
  const pages: string[][] = [];
  let after: CaseListQuery['after'];
  for (;;) {
    const found = await cases.list({
      statuses: [],
      categories: [],
      sources: [],
      channels: [],
      subtree: '210202',
      limit: size,
      after,
      ...q,
    });
    if (found.length === 0) return pages;
    pages.push(found.map((c) => c._id));
    const last = found[found.length - 1];
    after = { registeredAt: last.registeredAt as Date, id: last._id };
  }
}

beforeAll(async () => {
  connection = await connectMongo({
    url: testMongoUrl(),
    dbName: assertTestDatabaseName(uniqueName('intake_list_pages')),
  });
  const model = connection.model('Case', caseSchema(), CASES_COLLECTION);
  await model.init();
  await model.collection.insertMany(stored as never[]);
  cases = new CaseRepository(
    model as unknown as AggregateModel,
    new CaseEvents('intake.events.v1'),
    () => undefined,
  );
}, 60_000);

afterAll(async () => {
  await connection?.dropDatabase();
  await connection?.close();
});

it('gives every case once, in order, whatever the page size', async () => {
  for (const size of [1, 2, 3, 5]) {
    const pages = await allPages({}, size);
    expect(pages.flat()).toEqual(expected);
    expect(pages.slice(0, -1).every((p) => p.length === size)).toBe(true);
  }
});

it('pages within a registration period', async () => {
  const within = await allPages({ registeredFrom: at(5), registeredTo: at(20) }, 2);
  expect(within.flat()).toEqual(expected.slice(1, 7));
});
