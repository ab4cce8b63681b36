import { statisticsV1 } from '@mediation/contracts';
import { createKafka, ensureTopics } from '@mediation/event-bus';
import { grpcHealthStatus, testBrokers, uniqueName } from '@mediation/testing';
import { buildScenario } from './support/scenario';
import { caseOpened, EventFactory } from './support/scenario-events';
import { ANALYST, startHarness, type Harness } from './support/statistics-harness';

// A fresh broker before the bootstrap Job has run: the service starts and answers even though
// the topics it reads do not exist yet, and projects their events once they do.
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

it('serves before its topics exist and catches up once they do', async () => {
  expect(await grpcHealthStatus(h.address)).toBe('SERVING');
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

  const [opened] = buildScenario(1);
  await h.publish([caseOpened(new EventFactory({ ...h.topics, ...lateTopics }), opened)]);
  await h.readModel.waitForCatchUp(60_000);
  const year = String(new Date(opened.openedAt).getUTCFullYear());
  const summary = await h.client.call(
    'getSummary',
    {
      orgUnitCode: '210200',
      period: { granularity: statisticsV1.PeriodGranularity.PERIOD_GRANULARITY_YEAR, key: year },
    },
    { principal: ANALYST },
  );
  expect(summary.total?.opened).toBe(1);
});
