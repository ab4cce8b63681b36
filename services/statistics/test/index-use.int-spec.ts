import { Metadata } from '@grpc/grpc-js';
import type { Connection } from 'mongoose';
import { commonV1, statisticsV1 } from '@mediation/contracts';
import { orgDirectory } from '@mediation/org-directory';
import { connectMongo, type AggregateModel } from '@mediation/persistence';
import {
  assertTestDatabaseName,
  plansOf,
  scanning,
  testMongoUrl,
  uniqueName,
  type PlannedQuery,
} from '@mediation/testing';
import { alertModel } from '../src/alerts/persistence/alert.model';
import { AlertRepository } from '../src/alerts/persistence/alert.repository';
import { listAlerts } from '../src/alerts/queries/list-alerts/list-alerts.query';
import { RollupStore } from '../src/rollups/persistence/rollup.store';

// Statistics reads its rollups by `_id` only (a document per unit, period and key: the
// dashboards, drilldowns and time series compute the ids they need), and lists alerts by org
// chain. Both must be read through an index: the queries are the store's and the query
// function's own, recorded off the wire and explained on the server, over a few thousand
// documents; the alerts' indexes are the schema's, built by mongoose as the service does.

const DOCS = 3_000;
const DAY = 86_400_000;
const START = Date.parse('2024-01-01T00:00:00Z');
const directory = orgDirectory();
const units = directory.units().filter((u) => u.level !== 'POINT');

let connection: Connection;
let alerts: AggregateModel & { init(): Promise<unknown> };
let rollups: RollupStore;
let plans: (run: () => Promise<unknown>) => Promise<PlannedQuery[]>;
const rollupId = (i: number) => `${units[i % units.length].code}|D|${20240101 + (i % 365)}`;

beforeAll(async () => {
  connection = await connectMongo({
    url: testMongoUrl(),
    dbName: assertTestDatabaseName(uniqueName('statistics_index_use')),
    monitorCommands: true,
  });
  plans = (run) => plansOf(connection.getClient(), connection.db!, run);
  alerts = alertModel(connection) as typeof alerts;
  await alerts.init();
  rollups = new RollupStore(connection, 'rollups');
  await connection.collection('rollups').insertMany(
    Array.from({ length: DOCS }, (_, i) => ({
      _id: `${rollupId(i)}|${i}`,
      u: units[i % units.length].code,
      g: 'D',
      p: String(20240101 + (i % 365)),
      c: { opened: i % 17, closed: i % 11, byCategory: { 1: i % 5, 2: i % 3 } },
      a: { 0: i, 1: i * 2 },
    })) as never[],
  );
  await alerts.collection.insertMany(
    Array.from({ length: DOCS }, (_, i) => {
      const unit = units[i % units.length];
      return {
        _id: `alert-${i}`,
        version: 1,
        lastSequence: 1,
        outbox: [],
        outboxPending: 0,
        relayLeaseUntil: null,
        orgUnitCode: unit.code,
        orgUnitLevel: 3,
        chain: directory.path(unit.code).map((u) => u.code),
        category: 1 + (i % 12),
        categoryKey: String(1 + (i % 12)),
        dayKey: String(20240101 + (i % 365)),
        status: 1 + (i % 2),
        raisedAt: new Date(START + i * 0.3 * DAY),
        windowStart: new Date(START + i * 0.3 * DAY - 7 * DAY),
        windowEnd: new Date(START + i * 0.3 * DAY),
        observed: 12,
        baseline: 3,
        threshold: 9,
      };
    }) as never[],
  );
}, 300_000);

afterAll(async () => {
  await connection?.dropDatabase();
  await connection?.close();
});

const analyst = {
  principal: commonV1.Principal.fromPartial({
    subject: 'analyst',
    roles: [commonV1.Role.ROLE_ANALYST],
    orgUnitCode: directory.city.code,
  }),
  metadata: new Metadata(),
};

describe('statistics reads through an index', () => {
  it('rollups by id: the dashboards, drilldowns and time series, and the write guards', async () => {
    const ids = [0, 1, 2, 500].map((i) => `${rollupId(i)}|${i}`);
    const planned = await plans(async () => {
      await rollups.byIds(ids);
      await rollups.guards(ids);
    });
    // One `$in` of the ids per call, read through the `_id` index
    expect(planned.map((q) => q.filter)).toEqual([{ _id: { $in: ids } }, { _id: { $in: ids } }]);
    expect(scanning(planned)).toEqual([]);
  });

  it('alerts of a subtree, newest first, with and without a period and statuses', async () => {
    const district = units.find((u) => u.level === 'DISTRICT')!.code;
    const planned = await plans(async () => {
      await listAlerts(
        alerts,
        directory,
        statisticsV1.ListAlertsRequest.fromPartial({ orgUnitCode: district }),
        analyst,
      );
      await listAlerts(
        alerts,
        directory,
        statisticsV1.ListAlertsRequest.fromPartial({
          orgUnitCode: district,
          statuses: [1],
          raised: { startTime: { seconds: String((START + 100 * DAY) / 1000) } },
        }),
        analyst,
      );
    });
    expect(planned).toHaveLength(2);
    expect(scanning(planned)).toEqual([]);
  });

  it('the spike detector’s question: is any alert of this chain raised already', async () => {
    const repository = new AlertRepository(alerts, 'alerts', () => undefined);
    let answers: boolean[] = [];
    const planned = await plans(async () => {
      answers = [
        await repository.anyExists(['no-such-alert', 'alert-7', 'alert-8']),
        await repository.anyExists(['no-such-alert', 'nor-this-one']),
      ];
    });
    expect(answers).toEqual([true, false]);
    expect(planned).toHaveLength(2);
    expect(scanning(planned)).toEqual([]);
  });
});
