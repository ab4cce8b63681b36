import { fromTimestamp, type intakeV1 } from '@mediation/contracts';
import { validateTimestamp } from '../../../case/validation/case-fields.validator';
import { Violations } from '../../../case/validation/violations';
import { decodePageToken, type Cursor } from '../../../paging/page-token';

const DEFAULT_PAGE = 50;
const MAX_PAGE = 500;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MAX_SUBJECT = 128;

export interface ReadAuditCriteria {
  caseId: string;
  readerSubject: string;
  readFrom?: Date;
  readTo?: Date;
  pageSize: number;
  after?: Cursor;
}

/** ListReadAudit's request: a case or a reader (one is required), a time range, a page. */
export function validateListReadAudit(
  req: intakeV1.ListReadAuditRequest,
  now: Date,
): ReadAuditCriteria {
  const v = new Violations();
  if (!req.caseId && !req.readerSubject) v.add('case_id', 'case_id or reader_subject is required');
  if (req.caseId && !UUID.test(req.caseId)) v.add('case_id', 'expected a UUID');
  v.text('reader_subject', req.readerSubject, { max: MAX_SUBJECT, kind: 'name' });
  validateTimestamp(v, 'read.start_time', req.read?.startTime ?? null, { now });
  validateTimestamp(v, 'read.end_time', req.read?.endTime ?? null, { now });
  const size = req.page?.pageSize ?? 0;
  if (size < 0) v.add('page.page_size', 'must not be negative');
  const token = req.page?.pageToken ?? '';
  const after = token ? decodePageToken(token) : undefined;
  if (token && !after) v.add('page.page_token', 'is not a token of this list');
  v.throwIfAny();
  return {
    caseId: req.caseId,
    readerSubject: req.readerSubject,
    readFrom: req.read?.startTime ? fromTimestamp(req.read.startTime) : undefined,
    readTo: req.read?.endTime ? fromTimestamp(req.read.endTime) : undefined,
    pageSize: Math.min(size || DEFAULT_PAGE, MAX_PAGE),
    after,
  };
}
