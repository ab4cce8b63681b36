import { status } from '@grpc/grpc-js';
import { decodeBusEvent, createKafka } from '@mediation/event-bus';
import { decodePayload, statisticsV1 } from '@mediation/contracts';
import { eventually, readTopic, testBrokers, uniqueName } from '@mediation/testing';
import { buildScenario, scenarioUnits, type ScenarioCase } from './support/scenario';
import { caseOpened, EventFactory } from './support/scenario-events';
import { ANALYST, startHarness, type Harness } from './support/statistics-harness';

// A day with far more neighbour disputes at one reasoning point than the week before raises
// exactly one alert: one EarlyWarningRaised on the alerts topic and one entry in ListAlerts,
// even when the events are delivered again. An analyst acknowledges it once, with a note.
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ ALERT_WINDOW_DAYS: '7', ALERT_FACTOR: '3', ALERT_MIN_COUNT: '5' });
});
afterAll(() => h?.stop());

it('raises exactly one alert for a spike over the rolling baseline, acknowledged once', async () => {
  const point = scenarioUnits()[0].REASONING_POINT;
  const template = buildScenario(1)[0];
  const factory = new EventFactory(h.topics);
  const day = (n: number, hour: number) => Date.UTC(2025, 4, 1 + n, hour);
  const opened = (id: string, at: number): ScenarioCase => ({
    ...template,
    caseId: id,
    orgUnitCode: point,
    category: 2,
    openedAt: at,
    duplicateOf: undefined,
    entrusted: undefined,
  });
  const baseline = Array.from({ length: 7 }, (_, n) => opened(`base-${n}`, day(n, 2)));
  const spike = Array.from({ length: 8 }, (_, n) => opened(`spike-${n}`, day(7, 1 + n)));
  const events = [...baseline, ...spike].map((c) => caseOpened(factory, c));
  await h.publish(events);
  await h.readModel.waitForCatchUp(60_000);
  await h.publish(events); // delivered again: nothing new
  await h.readModel.waitForCatchUp(60_000);

  const kafka = createKafka({ brokers: testBrokers(), clientId: uniqueName('alerts-reader') });
  const consumer = kafka.consumer({ groupId: uniqueName('alerts-reader') });
  const raised: statisticsV1.EarlyWarningRaised[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic: h.topics.alerts, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const event = decodeBusEvent(message.value ?? new Uint8Array());
      raised.push(decodePayload('mediation.statistics.v1.EarlyWarningRaised', event.payload));
    },
  });
  await eventually(async () => (raised.length > 0 ? true : undefined), { what: 'the alert event' });
  // A sleep, as it proves that no second alert follows the first.
  await new Promise((r) => setTimeout(r, 2_000));
  await consumer.disconnect();
  expect(raised).toHaveLength(1);
  expect(raised[0]).toMatchObject({
    orgUnit: { code: point },
    category: 2,
    observed: 8,
    baseline: 1,
    threshold: 5,
  });

  const list = await h.client.call('listAlerts', { orgUnitCode: '210200' }, { principal: ANALYST });
  expect(list.alerts).toHaveLength(1);
  expect(list.alerts[0]).toMatchObject({
    alertId: raised[0].alertId,
    orgUnit: { code: point },
    status: statisticsV1.AlertStatus.ALERT_STATUS_OPEN,
    observed: 8,
    version: '1',
    acknowledgement: null,
  });
  expect(list.alerts[0].orgUnitName).not.toBe('');

  const note = '已通知社区调委会上门排查';
  const acknowledged = await h.client.call(
    'acknowledgeAlert',
    { alertId: raised[0].alertId, note, expectedVersion: '1' },
    { principal: ANALYST },
  );
  expect(acknowledged.alert).toMatchObject({
    status: statisticsV1.AlertStatus.ALERT_STATUS_ACKNOWLEDGED,
    version: '2',
    acknowledgement: { note, by: { subject: ANALYST.subject } },
  });
  await expect(
    h.client.call(
      'acknowledgeAlert',
      { alertId: raised[0].alertId, note: 'again', expectedVersion: '2' },
      { principal: ANALYST },
    ),
  ).rejects.toMatchObject({ code: status.FAILED_PRECONDITION });
  // The same acknowledgement sent again after its answer was lost comes at the version read
  // before it: refused as stale, and the alert is as the first one left it.
  await expect(
    h.client.call(
      'acknowledgeAlert',
      { alertId: raised[0].alertId, note: 'repeated', expectedVersion: '1' },
      { principal: ANALYST },
    ),
  ).rejects.toMatchObject({ code: status.ABORTED });
  const [after] = (
    await h.client.call('listAlerts', { orgUnitCode: '210200' }, { principal: ANALYST })
  ).alerts;
  expect(after).toMatchObject({ version: '2', acknowledgement: { note } });

  // The acknowledgement follows the raise on the alerts topic (same key, same partition).
  const [, second] = await readTopic(kafka, h.topics.alerts, 2);
  const event = decodeBusEvent(second.value ?? new Uint8Array());
  expect(event).toMatchObject({
    eventType: 'mediation.statistics.v1.EarlyWarningAcknowledged',
    sequence: 2,
  });
  expect(
    decodePayload('mediation.statistics.v1.EarlyWarningAcknowledged', event.payload),
  ).toMatchObject({
    alertId: raised[0].alertId,
    acknowledgedBy: { subject: ANALYST.subject },
  });

  const listOf = async (status: statisticsV1.AlertStatus) =>
    (
      await h.client.call(
        'listAlerts',
        { orgUnitCode: '210200', statuses: [status] },
        { principal: ANALYST },
      )
    ).alerts.map((a) => a.alertId);
  expect(await listOf(statisticsV1.AlertStatus.ALERT_STATUS_OPEN)).toEqual([]);
  expect(await listOf(statisticsV1.AlertStatus.ALERT_STATUS_ACKNOWLEDGED)).toEqual([
    raised[0].alertId,
  ]);
});
