import type { Connection } from 'mongoose';
import { connectMongo, type AggregateModel } from '@mediation/persistence';
import {
  assertTestDatabaseName,
  plansOf,
  scanning,
  testMongoUrl,
  uniqueName,
  type PlannedQuery,
} from '@mediation/testing';
import { CaseEvents } from '../src/case/events/case-events';
import { caseSchema, CASES_COLLECTION } from '../src/case/persistence/case.schema';
import { CaseRepository } from '../src/case/persistence/case.repository';
import { caseSearchKeys } from '../src/case/persistence/case-search-keys';
import { formatCaseNumber } from '../src/case/domain/case-number';
import type { CaseListQuery } from '../src/case/persistence/case-list.filter';
import { MongoCaseNumberStore } from '../src/case/persistence/case-number.store';
import { DisputeKeyIndex } from '../src/case/persistence/dispute-key.index';
import { CaseViewStore } from '../src/case-view/persistence/case-view.store';
import { currentLifeStatus, LIFE_STATUS } from '../src/case-view/domain/life-status';
import { DocumentRepository } from '../src/document/persistence/document.repository';
import { ReadAuditRepository } from '../src/read-audit/persistence/read-audit.repository';

// Every query intake runs on a request path (ListCases with each of its filters, a case's load
// and save, its number, duplicates, documents, timeline and read audit) must be read through an
// index: at a city's volume a scan costs seconds per screen. The queries are the repositories'
// own, recorded off the wire and explained on the server, over a few thousand cases shaped like
// intake's (so that a real planner, PostgreSQL's, prefers an index where one serves). The
// indexes are built as the service builds them (the schema's through mongoose, the others by
// each repository's init()).

const CASES = 4_000;
const DAY = 86_400_000;
const START = Date.parse('2024-01-01T00:00:00Z');
const CITY = '2102';
const districts = ['210202', '210203', '210204', '210211', '210212', '210213'];
const streetOf = (i: number) => `${districts[i % districts.length]}00${1 + (i % 7)}`;
const committeeOf = (i: number) => `${streetOf(i)}0${10 + (i % 5)}`;
const hash = (kind: string, i: number) => `${kind}${(i * 2_654_435_761) % 4_294_967_296}`;

/** A case as intake stores it, with the fields its queries read, and a realistic body. */
function caseDoc(i: number) {
  const registeredAt = new Date(START + i * 0.27 * DAY);
  const committeeCode = committeeOf(i);
  const status = [1, 2, 6, 8, 4, 14][i % 6];
  const stored = {
    _id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    version: 3,
    lastSequence: 3,
    outbox: [],
    outboxPending: 0,
    relayLeaseUntil: null,
    outboxSetAsideAt: null,
    idempotencyScope: `volunteer:${i}`,
    committeeCode,
    numberYear: registeredAt.getUTCFullYear(),
    numberSeq: 1 + Math.floor(i / 30),
    caseNumber: `（${registeredAt.getUTCFullYear()}）大调字第${committeeCode}-${i}号`,
    orgPath: [CITY, districts[i % districts.length], streetOf(i), committeeCode],
    registeredAt,
    status: [1, 2, 4][i % 3],
    category: 1 + (i % 12),
    source: 1 + (i % 5),
    channel: 1 + (i % 4),
    parties: [0, 1].map((p) => ({
      partyId: `p${i}-${p}`,
      name: `${['王', '李', '张', '刘', '陈'][(i + p) % 5]}某${i % 97}`,
      phoneHash: hash('ph', i * 2 + p),
      idNumberHash: hash('id', i * 2 + p),
      phoneMasked: '138****0000',
      address: { ciphertext: 'x'.repeat(120) },
    })),
    summary: '邻里之间因排水问题产生纠纷，双方多次协商未果，申请人民调解委员会调解。'.repeat(4),
    progress:
      i % 10 === 9
        ? undefined
        : {
            status,
            holder: { code: committeeCode, level: 'COMMUNITY' },
            mediatorIds: [`mediator-${i % 300}`],
            nextDeadlineAt:
              status === 4 || status === 14 ? null : new Date(+registeredAt + 30 * DAY),
            rev: 2,
            gen: 1,
          },
  };
  return {
    ...stored,
    searchKeys: caseSearchKeys(stored),
    lifeStatus: currentLifeStatus(stored.status, stored.progress?.status),
  };
}

let connection: Connection;
let model: AggregateModel;
let cases: CaseRepository;
let plans: (run: () => Promise<unknown>) => Promise<PlannedQuery[]>;

beforeAll(async () => {
  connection = await connectMongo({
    url: testMongoUrl(),
    dbName: assertTestDatabaseName(uniqueName('intake_index_use')),
    monitorCommands: true,
  });
  plans = (run) => plansOf(connection.getClient(), connection.db!, run);
  const db = connection.db as never;
  const built = connection.model('Case', caseSchema(), CASES_COLLECTION);
  await built.init(); // the schema's indexes, as the service builds them
  model = built;
  cases = new CaseRepository(model, new CaseEvents('intake.events.v1'), () => undefined);
  await new CaseViewStore(db).init();
  await new DocumentRepository(db).init();
  await new ReadAuditRepository(db).init();
  for (let from = 0; from < CASES; from += 500)
    await model.collection.insertMany(
      Array.from({ length: 500 }, (_, k) => caseDoc(from + k)) as never[],
    );
  const few = (n: number, make: (i: number) => Record<string, unknown>) =>
    Array.from({ length: n }, (_, i) => make(i));
  await connection.collection('case_timeline').insertMany(
    few(CASES * 2, (i) => ({
      _id: `step-${i}`,
      entryId: `step-${i}`,
      caseId: caseDoc(i % CASES)._id,
      occurredAt: new Date(START + i * 0.13 * DAY),
      source: 'intake',
      eventType: 'mediation.intake.v1.CaseOpened',
      summary: '登记案件',
    })) as never[],
  );
  await connection
    .collection('case_view_generation')
    .insertOne({ _id: 'current', gen: 1 } as never);
  await connection.collection('documents').insertMany(
    few(CASES, (i) => ({
      _id: `doc-${i}`,
      caseId: caseDoc(i % (CASES / 2))._id,
      idempotencyScope: `volunteer:doc-${i}`,
      attachedAt: new Date(START + i * DAY * 0.3),
      fileName: 'agreement.pdf',
    })) as never[],
  );
  await connection.collection('read_audit').insertMany(
    few(CASES, (i) => ({
      _id: `read-${i}`,
      caseId: caseDoc(i % (CASES / 4))._id,
      documentId: '',
      readAt: new Date(START + i * DAY * 0.25),
      reader: { subject: `mediator-${i % 300}`, role: 2, orgUnitCode: committeeOf(i) },
      what: 'GetCase',
      why: 'scope',
    })) as never[],
  );
}, 300_000);

afterAll(async () => {
  await connection?.dropDatabase();
  await connection?.close();
});

const page = (q: Partial<CaseListQuery>): CaseListQuery => ({
  statuses: [],
  categories: [],
  sources: [],
  channels: [],
  limit: 21,
  ...q,
});
const district = districts[1];
const someCase = caseDoc(1234);

// ListCases as the handler calls it: always within a subtree (a district here), except for a
// city-wide role without a root and a party (its phone); each search with the sort and the page
// size.
const listCases: Array<[string, Partial<CaseListQuery>]> = [
  ['a subtree', { subtree: district }],
  [
    'a subtree, next page',
    { subtree: district, after: { registeredAt: someCase.registeredAt, id: someCase._id } },
  ],
  ['a phone (keyed hash)', { subtree: CITY, partyPhoneHash: someCase.parties[0].phoneHash }],
  // A party (ROLE_PARTY): its own phone's cases, with no subtree.
  ["a party's own cases", { partyPhoneHash: someCase.parties[0].phoneHash }],
  [
    "a party's own cases, next page",
    {
      partyPhoneHash: someCase.parties[0].phoneHash,
      after: { registeredAt: someCase.registeredAt, id: someCase._id },
    },
  ],
  [
    'an ID number (keyed hash)',
    { subtree: CITY, partyIdNumberHash: someCase.parties[1].idNumberHash },
  ],
  ['a party name prefix', { subtree: district, partyNamePrefix: '王某1' }],
  ['a part of the case number', { subtree: district, caseNumberPart: '-1234' }],
  ['a sequence number alone', { subtree: district, caseNumberPart: '00012' }],
  ['a whole case number', { subtree: CITY, caseNumberPart: formatCaseNumber(2024, '大', 1234) }],
  ['the holding committee', { subtree: district, holderCode: someCase.committeeCode }],
  ['a mediator', { subtree: district, mediatorId: 'mediator-7' }],
  ['overdue only', { subtree: district, overdueAt: new Date(START + 400 * DAY) }],
  [
    'life statuses',
    { subtree: district, statuses: [LIFE_STATUS.IN_MEDIATION, LIFE_STATUS.REGISTERED] },
  ],
  [
    'categories, sources, channels',
    { subtree: district, categories: [3], sources: [2], channels: [1] },
  ],
  [
    'a registration period',
    {
      subtree: district,
      registeredFrom: new Date(START + 100 * DAY),
      registeredTo: new Date(START + 200 * DAY),
    },
  ],
];

describe('ListCases reads through an index', () => {
  const readsThroughAnIndex = async (q: Partial<CaseListQuery>) => {
    const planned = await plans(() => cases.list(page(q)));
    // After a cursor: the rest of its instant, then the older cases (casePageFilters).
    expect(planned).toHaveLength(q.after ? 2 : 1);
    for (const find of planned) expect(find.sort).toEqual({ registeredAt: -1, _id: -1 });
    expect(scanning(planned)).toEqual([]);
  };

  it.each(listCases)('%s', async (_, q) => readsThroughAnIndex(q));

  // No filter at all: read in the order of the ordered index on the sort (case.schema.ts).
  it('the whole city, newest first (a city-wide role)', async () => readsThroughAnIndex({}));

  // A text search walking the page order would read the subtree until it found a page (seconds
  // at a city's volume): it must look its key up (case-search-keys.ts).
  it.each([
    ['a party name prefix', { subtree: district, partyNamePrefix: '王某1' }, /searchKeys/],
    ['a part of the case number', { subtree: district, caseNumberPart: '-1234' }, /searchKeys/],
    // A sequence stated in full is a key too: PostgreSQL may look it up by `numberSeq` instead,
    // as selective (which one depends on its statistics of the moment). Never the page order.
    [
      'a longer part stating a sequence',
      { subtree: district, caseNumberPart: '大调字第01234号' },
      /searchKeys|'numberSeq'/,
    ],
  ])('%s looks up its search key', async (_, q, key) => {
    const planned = await plans(() => cases.list(page(q)));
    expect(planned[0].plan.nodes.join('; ')).toMatch(key);
  });

  // One category: its own entries of the ordered index, in page order (FerretDB patch 0017),
  // not the subtree's every case sorted.
  it('a category reads its entries in page order', async () => {
    const q = { subtree: district, categories: [someCase.category] };
    const planned = await plans(() => cases.list(page(q)));
    expect(planned[0].plan.nodes.join('; ')).toMatch(/Index Scan \S*_ordered_category\S*_o\b/);
  });

  // A sequence number alone: its own entries of the ordered index, in page order, not the
  // key every committee's case of that number shares (case-search-keys.ts).
  it('a sequence number alone reads its entries in page order', async () => {
    const q = { subtree: district, caseNumberPart: '00012' };
    const planned = await plans(() => cases.list(page(q)));
    expect(planned[0].filter).toMatchObject({ numberSeq: 12 });
    expect(planned[0].plan.nodes.join('; ')).toMatch(/Index Scan \S*_ordered_numberseq\S*_o\b/);
  });

  it('a whole case number looks the number up', async () => {
    const q = { subtree: CITY, caseNumberPart: formatCaseNumber(2024, '大', 1234) };
    const planned = await plans(() => cases.list(page(q)));
    expect(planned[0].plan.nodes.join('; ')).toMatch(/casenumber/i);
  });
});

describe("a case's other reads and writes go through an index", () => {
  it("a case's load, guarded save and duplicate back-link", async () => {
    const planned = await plans(async () => {
      const loaded = (await cases.load(someCase._id))!;
      await cases.aggregates.save(loaded, { $set: { summary: '补充' } }, []);
      await cases.addDuplicateBackLink(someCase._id, caseDoc(77)._id);
    });
    expect(planned.map((q) => q.command)).toEqual(['find', 'update', 'update']);
    expect(scanning(planned)).toEqual([]);
  });

  it("the case number's hint and exact maximum, and the duplicate keys", async () => {
    const numbers = new MongoCaseNumberStore(connection.db as never, cases);
    const disputes = new DisputeKeyIndex(connection.db as never);
    const planned = await plans(async () => {
      await numbers.recordedMax(someCase.committeeCode, someCase.numberYear);
      await numbers.exactMax(someCase.committeeCode, someCase.numberYear);
      await numbers.record(someCase.committeeCode, someCase.numberYear, 99);
      await disputes.find(['key-a', 'key-b']);
      await disputes.register(['key-a'], someCase._id, someCase.registeredAt);
    });
    expect(planned).toHaveLength(6);
    expect(scanning(planned)).toEqual([]);
  });

  it("a case's view: a run of events applied, its timeline and the view generation", async () => {
    const view = new CaseViewStore(connection.db as never);
    const noted = (c: { _id: string }, sequence: number) => {
      const at = new Date(START + sequence * DAY);
      const entryId = `${c._id}-noted-${sequence}`;
      return {
        caseId: c._id,
        sequence,
        fact: { source: 'intake' as const, kind: 'noted' as const, at, eventType: 'test.noted' },
        step: {
          entryId,
          caseId: c._id,
          occurredAt: at,
          source: 'intake' as const,
          eventType: 'test.noted',
          summary: '补充材料',
          actor: { subject: '', role: 0, orgUnitCode: '', displayName: '平台' },
          handler: null,
          backfilled: false,
          referralId: '',
        },
      };
    };
    const planned = await plans(async () => {
      // Two cases of a partition, one of them with the view of an older generation.
      await view.applyRun(2, [noted(someCase, 4), noted(caseDoc(1235), 4), noted(someCase, 5)]);
      await view.steps(someCase._id);
      await view.generation();
    });
    expect(planned.map((q) => q.command)).toEqual(['find', 'update', 'update', 'find', 'find']);
    expect(scanning(planned)).toEqual([]);
  });

  it("a case's documents", async () => {
    const documents = new DocumentRepository(connection.db as never);
    const planned = await plans(async () => {
      await documents.list(someCase._id);
      await documents.find(someCase._id, 'doc-1234');
      await documents.findByScope('volunteer:doc-1234');
    });
    expect(planned).toHaveLength(3);
    expect(scanning(planned)).toEqual([]);
  });

  it('the read audit, by case and by reader', async () => {
    const audit = new ReadAuditRepository(connection.db as never);
    const planned = await plans(async () => {
      await audit.list({ caseId: someCase._id, limit: 21 });
      await audit.list({ readerSubject: 'mediator-7', limit: 21 });
      await audit.list({
        readerSubject: 'mediator-7',
        readFrom: new Date(START + 10 * DAY),
        readTo: new Date(START + 500 * DAY),
        limit: 21,
      });
    });
    expect(planned).toHaveLength(3);
    expect(scanning(planned)).toEqual([]);
  });
});
