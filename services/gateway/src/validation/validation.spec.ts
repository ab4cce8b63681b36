import { openCaseBody } from '../cases/cases.schemas';
import { isTimestamp, isoToTimestamp, timestampToIso, toApiJson } from '../grpc/api-json';
import { ProblemError } from '../problems/problem';
import { currentMonthKey, reportQuery, summaryQuery } from '../statistics/statistics.schemas';
import { fieldPath, parseInput } from './parse-input';

const valid = {
  idempotencyKey: 'k-12345678',
  source: 'CASE_SOURCE_PARTY_APPLICATION',
  channel: 'CHANNEL_HOTLINE_12348',
  orgUnitCode: '210202002001P01',
  category: 'DISPUTE_CATEGORY_NEIGHBOUR',
  parties: [
    {
      kind: 'PARTY_KIND_PERSON',
      role: 'PARTY_ROLE_APPLICANT',
      name: '张三',
      idType: 'ID_TYPE_RESIDENT_ID_CARD',
      idNumber: '11010519491231002X',
    },
    { kind: 'PARTY_KIND_PERSON', role: 'PARTY_ROLE_RESPONDENT', name: '李四' },
  ],
  description: '噪音',
};

const errorsOf = (schema: Parameters<typeof parseInput>[0], value: unknown) => {
  try {
    parseInput(schema, value);
    return [];
  } catch (e) {
    return (e as ProblemError).problem.errors!.map((x) => x.field);
  }
};

describe('open-case validation', () => {
  it('accepts a valid case and converts timestamps for the service', () => {
    const out = parseInput(openCaseBody, {
      ...valid,
      disputeStartedAt: '2026-11-01T08:00:00+08:00',
    });
    expect(out.disputeStartedAt).toEqual({
      seconds: String(Date.parse('2026-11-01T00:00:00Z') / 1000),
      nanos: 0,
    });
  });

  it('reports every bad field at once, by JSON path', () => {
    const bad = {
      ...valid,
      channel: 'CHANNEL_WALK_IN',
      parties: [
        { ...valid.parties[0], idNumber: '110105194912310021' },
        { ...valid.parties[1], phone: '12' },
      ],
      description: '   ',
    };
    expect(errorsOf(openCaseBody, bad).sort()).toEqual([
      'description',
      'parties[0].idNumber',
      'parties[1].phone',
      'platformLevel',
    ]);
  });

  it('refuses the referral channel (only the referral service opens those)', () => {
    expect(errorsOf(openCaseBody, { ...valid, channel: 'CHANNEL_REFERRAL' })).toEqual(['channel']);
  });

  it('checks resident ID numbers', () => {
    const withId = (idNumber: string) => ({
      ...valid,
      parties: [{ ...valid.parties[0], idNumber }, valid.parties[1]],
    });
    expect(errorsOf(openCaseBody, withId('11010519491231002x'))).toEqual([]);
    expect(errorsOf(openCaseBody, withId('110105194912310021'))).toEqual(['parties[0].idNumber']);
  });

  it('names nested paths', () => {
    expect(fieldPath(['parties', 0, 'name'])).toBe('parties[0].name');
    expect(fieldPath([])).toBe('(body)');
  });
});

describe('statistics queries', () => {
  it('derives the period granularity from its key and defaults to this month (CST)', () => {
    expect(parseInput(summaryQuery, { period: '2026' }).period).toEqual({
      granularity: 'PERIOD_GRANULARITY_YEAR',
      key: '2026',
    });
    expect(parseInput(summaryQuery, {}).period.key).toBe(currentMonthKey());
    expect(currentMonthKey(new Date('2026-11-30T17:00:00Z'))).toBe('2026-12');
    expect(
      parseInput(summaryQuery, { filter: 'CATEGORY:DISPUTE_CATEGORY_MEDICAL' }).filter,
    ).toEqual([{ dimension: 'DIMENSION_CATEGORY', key: 'DISPUTE_CATEGORY_MEDICAL' }]);
  });

  it('requires a month for monthly and a year for annual reports', () => {
    expect(errorsOf(reportQuery, { kind: 'ANNUAL', period: '2026-01' })).toEqual(['period']);
    expect(errorsOf(reportQuery, { kind: 'ANNUAL', period: '2025' })).toEqual([]);
  });
});

describe('response JSON', () => {
  it('renders timestamps as RFC 3339 and bytes as base64', () => {
    expect(isTimestamp({ seconds: '1', nanos: 0 })).toBe(true);
    expect(isTimestamp({ seconds: '1', nanos: 0, x: 1 })).toBe(false);
    const ts = isoToTimestamp('2026-11-26T01:02:03.456Z');
    expect(timestampToIso(ts)).toBe('2026-11-26T01:02:03.456Z');
    expect(toApiJson({ a: [{ at: ts }], b: Buffer.from('hi'), c: null })).toEqual({
      a: [{ at: '2026-11-26T01:02:03.456Z' }],
      b: 'aGk=',
      c: null,
    });
  });
});

describe('strict bodies', () => {
  const errorsOf = (body: unknown) => {
    try {
      parseInput(openCaseBody, body);
    } catch (error) {
      return (error as ProblemError).problem.errors;
    }
    return [];
  };

  it('names every unknown field by its own path instead of dropping it', () => {
    const parties = [valid.parties[0], { ...valid.parties[1], nickname: '老李' }];
    expect(errorsOf({ ...valid, extra: 1, parties })).toEqual([
      { field: 'parties[1].nickname', description: 'unknown field' },
      { field: 'extra', description: 'unknown field' },
    ]);
  });

  it('refuses unsafe names and removes bidi controls from free text', () => {
    const parties = [{ ...valid.parties[0], name: '张\u202E三' }, valid.parties[1]];
    expect(errorsOf({ ...valid, parties })).toEqual([
      { field: 'parties[0].name', description: 'contains a bidirectional control character' },
    ]);
    const parsed = parseInput(openCaseBody, { ...valid, description: 'a\u202Eb\r\nc' });
    expect(parsed.description).toBe('ab\nc');
  });
});
