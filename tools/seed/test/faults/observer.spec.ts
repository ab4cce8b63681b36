import { parseCounters } from './observer';

describe('parseCounters', () => {
  it('sums events_consumed by outcome and events_published over their other labels', () => {
    const page = [
      '# HELP events_consumed_total Messages taken from Kafka, by outcome',
      '# TYPE events_consumed_total counter',
      'events_consumed_total{topic="a",group="g1",outcome="applied"} 40',
      'events_consumed_total{topic="b",group="g2",outcome="applied"} 2',
      'events_consumed_total{topic="a",group="g1",outcome="duplicate"} 3',
      'events_published_total{topic="a"} 7',
      'events_published_total{topic="b"} 1.5e1',
      'event_handle_duration_count{topic="a",group="g1"} 45',
    ].join('\n');
    expect(Object.fromEntries(parseCounters(page))).toEqual({
      'consumed:applied': 42,
      'consumed:duplicate': 3,
      events_published: 22,
    });
  });
});
