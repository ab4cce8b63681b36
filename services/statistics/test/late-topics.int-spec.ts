import { statisticsV1 } from '@mediation/contracts';
import { createKafka, ensureTopics } from '@mediation/event-bus';
import { eventually, grpcHealthStatus, testBrokers, uniqueName } from '@mediation/testing';
import { buildScenario } from './support/scenario';
import { caseOpened, EventFactory } from './support/scenario-events';
import { ANALYST, startHarness, type Harness } from './support/statistics-harness';

// A fresh broker before the bootstrap Job has run: the service starts and answers calls even
// though the topics it reads do not exist yet, but is not ready (out of a load balancer's
// rotation) until it consumes them and has caught up; then it projects their events.
let h: Harness;
const late = uniqueName('late');
const lateTopics = {
  intake: `${late}.intake`,
  mediation: `${late}.mediation`,
  referral: `${late}.referral`,
};

beforeAll(async () => {
  h = await startHarness({ STATISTICS_TOPICS: Object.values(lateTopics).join(',') });
});
afterAll(() => h?.stop());

it('answers before its topics exist, is ready once it has caught up with them', async () => {
  const year = String(new Date().getUTCFullYear());
  const summaryOf = (key: string) =>
    h.client.call(
      'getSummary',
      {
        orgUnitCode: '210200',
        period: { granularity: statisticsV1.PeriodGranularity.PERIOD_GRANULARITY_YEAR, key },
      },
      { principal: ANALYST },
    );
  expect((await summaryOf(year)).total?.opened ?? 0).toBe(0);
  expect(await grpcHealthStatus(h.address)).toBe('NOT_SERVING');
  expect(await grpcHealthStatus(h.address, 'liveness')).toBe('SERVING');

  const admin = createKafka({ brokers: testBrokers(), clientId: late }).admin();
  await admin.connect();
  try {
    await ensureTopics(
      admin,
      Object.values(lateTopics).map((topic) => ({ topic, partitions: 2 })),
    );
  } finally {
    await admin.disconnect();
  }
  await h.readModel.consuming();
  await eventually(async () =>
    (await grpcHealthStatus(h.address)) === 'SERVING' ? true : undefined,
  );

  const [opened] = buildScenario(1);
  await h.publish([caseOpened(new EventFactory({ ...h.topics, ...lateTopics }), opened)]);
  await h.readModel.waitForCatchUp(60_000);
  const summary = await summaryOf(String(new Date(opened.openedAt).getUTCFullYear()));
  expect(summary.total?.opened).toBe(1);
});
