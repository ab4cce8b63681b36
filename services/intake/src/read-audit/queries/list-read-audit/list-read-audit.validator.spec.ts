import { intakeV1, toTimestamp } from '@mediation/contracts';
import type { InvalidInputError } from '@mediation/domain-kit';
import { validateListReadAudit } from './list-read-audit.validator';

const now = new Date('2026-11-26T12:00:00Z');
const CASE = '4bf92f35-77b3-4da6-a3ce-929d0e0e4736';
const problems = (over: Partial<intakeV1.ListReadAuditRequest>) => {
  try {
    validateListReadAudit(intakeV1.ListReadAuditRequest.fromPartial(over), now);
    return [];
  } catch (e) {
    return (e as InvalidInputError).problems.map((v) => v.field);
  }
};

describe('validateListReadAudit', () => {
  it('needs a case or a reader', () => {
    expect(problems({})).toEqual(['case_id']);
    expect(problems({ caseId: CASE })).toEqual([]);
    expect(problems({ readerSubject: 'lawyer-1' })).toEqual([]);
  });

  it('refuses a case id that is no UUID, an unsafe subject, bad times and tokens', () => {
    expect(
      problems({
        caseId: '{"$gt":""}',
        readerSubject: 'a\u0000b',
        read: { startTime: { seconds: '-99999999999', nanos: 0 }, endTime: null },
        page: { pageSize: 0, pageToken: 'nope' },
      }),
    ).toEqual(['case_id', 'reader_subject', 'read.start_time', 'page.page_token']);
  });

  it('reads the time range and the page', () => {
    const from = new Date('2026-11-01T00:00:00Z');
    expect(
      validateListReadAudit(
        intakeV1.ListReadAuditRequest.fromPartial({
          caseId: CASE,
          read: { startTime: toTimestamp(from) },
          page: { pageSize: 900 },
        }),
        now,
      ),
    ).toMatchObject({ caseId: CASE, readFrom: from, readTo: undefined, pageSize: 500 });
  });
});
