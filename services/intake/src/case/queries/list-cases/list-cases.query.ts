import { isParty, partyPhoneOf, subtreeScope } from '@mediation/auth';
import { commonV1, intakeV1 } from '@mediation/contracts';
import type { OrgDirectory } from '@mediation/org-directory';
import { NotPermittedError } from '@mediation/domain-kit';
import type { RpcCall } from '@mediation/service-kit';
import type { PiiProtector } from '../../../pii/pii-protector';
import { encodePageToken } from '../../../paging/page-token';
import { assertCaseScope } from '../../case-access';
import { caseSummary } from '../../mapping/case-view.mapper';
import { partyCaseSummary } from '../../mapping/party-disclosure';
import { idNumberLookupHash, phoneLookupHash } from '../../mapping/party-lookup-keys';
import type { CaseRepository } from '../../persistence/case.repository';
import { validateListCases } from './list-cases.validator';

const { IdType } = commonV1;

/**
 * ListCases: the search over cases, always inside the caller's subtree, sorted by registered_at
 * descending, then case id descending. A phone or ID number alone answers "has this person had a
 * case before?" across the caller's whole scope; they are matched through keyed hashes only.
 * A party (ROLE_PARTY) has no subtree: its list is always the cases naming the mobile it proved
 * as a party's phone, which every other filter may only narrow.
 */
export class ListCasesQuery {
  constructor(
    private readonly cases: CaseRepository,
    private readonly directory: OrgDirectory,
    private readonly pii: PiiProtector,
  ) {}

  async run(req: intakeV1.ListCasesRequest, call: RpcCall): Promise<intakeV1.ListCasesResponse> {
    const now = new Date();
    const party = isParty(call.principal);
    const partyPhone = partyPhoneOf(call.principal);
    // The verifier admits no party without its mobile; should one come, it lists nothing.
    if (party && !partyPhone) throw new NotPermittedError();
    const c = validateListCases(req, {
      now,
      directory: this.directory,
      callerSubject: call.principal.subject,
      partyPhone,
    });

    let root: string | undefined;
    if (party) {
      // No scope to check: the party's phone below limits the list; a unit only narrows it.
      root = c.orgUnitCode || undefined;
    } else {
      const own = subtreeScope(call.principal);
      root = c.orgUnitCode || own;
      // A root inside the caller's subtree narrows it; global roles without a root see the city.
      if (root) assertCaseScope(call.principal, root, this.directory);
      else if (own !== undefined) throw new NotPermittedError();
    }

    const limit = c.pageSize;
    const docs = await this.cases.list({
      subtree: root,
      statuses: c.statuses,
      categories: c.categories,
      sources: c.sources,
      channels: c.channels,
      registeredFrom: c.registeredFrom,
      registeredTo: c.registeredTo,
      caseNumberPart: c.caseNumber || undefined,
      partyNamePrefix: c.partyName || undefined,
      // A party's list is always its own phone's (the validator refused another one).
      partyPhoneHash: phoneLookupHash(this.pii, partyPhone ?? c.partyPhone) || undefined,
      partyIdNumberHash:
        idNumberLookupHash(this.pii, IdType.ID_TYPE_RESIDENT_ID_CARD, c.partyIdNumber) || undefined,
      holderCode: c.holderCommitteeCode || undefined,
      mediatorId: c.mediatorId || undefined,
      overdueAt: c.overdueOnly ? now : undefined,
      after: c.after && { registeredAt: c.after.at, id: c.after.id },
      limit: limit + 1,
    });
    const page = docs.slice(0, limit);
    const last = page[page.length - 1];
    return {
      cases: page.map((d) => {
        const summary = caseSummary(d._id, d.version, d);
        return party ? partyCaseSummary(summary) : summary;
      }),
      page: {
        nextPageToken:
          docs.length > limit && last
            ? encodePageToken({ at: new Date(last.registeredAt), id: last._id })
            : '',
      },
    };
  }
}
