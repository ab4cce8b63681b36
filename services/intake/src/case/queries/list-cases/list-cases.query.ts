import { subtreeScope } from '@mediation/auth';
import { commonV1, fromTimestamp, intakeV1 } from '@mediation/contracts';
import type { OrgDirectory } from '@mediation/org-directory';
import { NotPermittedError } from '@mediation/domain-kit';
import type { RpcCall } from '@mediation/service-kit';
import { assertCaseScope } from '../../case-access';
import { validateTimestamp } from '../../validation/case-fields.validator';
import { Violations } from '../../validation/violations';
import { caseSummary } from '../../mapping/case-view.mapper';
import type { CaseRepository } from '../../persistence/case.repository';
import { decodePageToken, encodePageToken } from './page-token';

const DEFAULT_PAGE = 50;
const MAX_PAGE = 500;

/** ListCases: sorted by registered_at descending, then case id descending; always inside the caller's subtree. */
export class ListCasesQuery {
  constructor(
    private readonly cases: CaseRepository,
    private readonly directory: OrgDirectory,
  ) {}

  async run(req: intakeV1.ListCasesRequest, call: RpcCall): Promise<intakeV1.ListCasesResponse> {
    const v = new Violations();
    req.statuses.forEach((s, i) => v.enumValue(`statuses[${i}]`, intakeV1.CaseStatus, s));
    req.categories.forEach((s, i) => v.enumValue(`categories[${i}]`, commonV1.DisputeCategory, s));
    req.sources.forEach((s, i) => v.enumValue(`sources[${i}]`, commonV1.CaseSource, s));
    req.channels.forEach((s, i) => v.enumValue(`channels[${i}]`, commonV1.Channel, s));
    const now = new Date();
    validateTimestamp(v, 'registered.start_time', req.registered?.startTime ?? null, { now });
    validateTimestamp(v, 'registered.end_time', req.registered?.endTime ?? null, { now });
    const size = req.page?.pageSize ?? 0;
    if (size < 0) v.add('page.page_size', 'must not be negative');
    const token = req.page?.pageToken ?? '';
    const after = token ? decodePageToken(token) : undefined;
    if (token && !after) v.add('page.page_token', 'is not a token of this list');
    if (req.orgUnitCode && !this.directory.has(req.orgUnitCode))
      v.add('org_unit_code', 'unknown org unit');
    v.throwIfAny();

    const own = subtreeScope(call.principal);
    const root = req.orgUnitCode || own;
    // A root inside the caller's subtree narrows it; global roles without a root see the city.
    if (root) assertCaseScope(call.principal, root, this.directory);
    else if (own !== undefined) throw new NotPermittedError();

    const limit = Math.min(size || DEFAULT_PAGE, MAX_PAGE);
    const docs = await this.cases.list({
      subtree: root,
      statuses: req.statuses,
      categories: req.categories,
      sources: req.sources,
      channels: req.channels,
      registeredFrom: req.registered?.startTime
        ? fromTimestamp(req.registered.startTime)
        : undefined,
      registeredTo: req.registered?.endTime ? fromTimestamp(req.registered.endTime) : undefined,
      after: after && { registeredAt: after.registeredAt, id: after.id },
      limit: limit + 1,
    });
    const page = docs.slice(0, limit);
    const last = page[page.length - 1];
    return {
      cases: page.map((d) => caseSummary(d._id, d.version, d)),
      page: {
        nextPageToken:
          docs.length > limit && last
            ? encodePageToken({ registeredAt: new Date(last.registeredAt), id: last._id })
            : '',
      },
    };
  }
}
