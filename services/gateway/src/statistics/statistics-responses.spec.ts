import { STATISTICS_RESPONSE_SCHEMAS } from './statistics-responses';

type Schema = { properties?: Record<string, Schema>; items?: Schema } & Record<string, unknown>;

describe('the statistics reads in the OpenAPI document', () => {
  const figuresOf = (s: Schema) => s.properties?.total?.properties ?? {};

  it('documents the online acts, reminders and no-show rates of the figures', () => {
    for (const read of ['summary', 'drilldown'] as const) {
      const figures = figuresOf(STATISTICS_RESPONSE_SCHEMAS[read] as Schema);
      expect(Object.keys(figures)).toEqual(
        expect.arrayContaining([
          'consentsOnline',
          'agreementSignaturesOnline',
          'remindersSent',
          'sessionNoShows',
          'remindedNoShows',
          'noShowRateReminded',
          'noShowRateNotReminded',
        ]),
      );
      expect(figures.remindersByNotice).toMatchObject({
        type: 'object',
        additionalProperties: { type: 'integer' },
      });
    }
    const point = (STATISTICS_RESPONSE_SCHEMAS.timeSeries as Schema).properties?.points?.items;
    expect(point?.properties?.figures?.properties).toHaveProperty('noShowRateReminded');
  });
});
