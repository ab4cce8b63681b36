import { commonV1, intakeV1 } from '@mediation/contracts';
import { InvalidInputError, NotPermittedError } from '@mediation/domain-kit';
import { orgDirectory } from '@mediation/org-directory';
import type { RpcCall } from '@mediation/service-kit';
import { PiiProtector } from '../../../pii/pii-protector';
import { registeredCase } from '../../domain/case.fixtures';
import { phoneLookupHash } from '../../mapping/party-lookup-keys';
import type { CaseListQuery } from '../../persistence/case-list.filter';
import type { CaseRepository } from '../../persistence/case.repository';
import { ListCasesQuery } from './list-cases.query';

const { Role } = commonV1;
const pii = new PiiProtector({
  encryptionKey: Buffer.alloc(32, 1),
  encryptionKeyId: 'k1',
  hashKey: Buffer.alloc(32, 2),
});
const OWN = '13812345678';
const stored = (id: string) => ({
  ...registeredCase(),
  _id: id,
  version: 1,
  duplicateOfCaseId: 'case-first',
  risk: { level: 3, factors: [], note: '' },
});

/** A ListCasesQuery over a store that records what it was asked and answers `found`. */
function listing(found = [stored('c-2'), stored('c-1')]) {
  const asked: CaseListQuery[] = [];
  const cases = {
    list: async (q: CaseListQuery) => {
      asked.push(q);
      return found.slice(0, q.limit);
    },
  } as unknown as CaseRepository;
  return { asked, query: new ListCasesQuery(cases, orgDirectory(), pii) };
}
const as = (principal: Partial<commonV1.Principal>) =>
  ({ principal: commonV1.Principal.fromPartial(principal) }) as RpcCall;
const party = (over: Partial<commonV1.Principal> = {}) =>
  as({ subject: 'party:7f3a9c', roles: [Role.ROLE_PARTY], partyPhone: OWN, ...over });
const request = (over: Partial<intakeV1.ListCasesRequest> = {}) =>
  intakeV1.ListCasesRequest.fromPartial(over);

describe('ListCasesQuery for a party', () => {
  it('lists only the cases naming its phone, anywhere in the city, newest first and paged', async () => {
    const { asked, query } = listing();
    const answer = await query.run(request({ page: { pageSize: 1, pageToken: '' } }), party());
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatchObject({
      subtree: undefined,
      partyPhoneHash: phoneLookupHash(pii, OWN),
      partyIdNumberHash: undefined,
      partyNamePrefix: undefined,
      limit: 2,
    });
    expect(answer.cases.map((c) => c.caseId)).toEqual(['c-2']);
    expect(answer.page?.nextPageToken).not.toBe('');
  });

  it('ignores any org unit it claims to sit in; a unit asked for only narrows its own cases', async () => {
    const { asked, query } = listing();
    await query.run(request(), party({ orgUnitCode: '210202' }));
    await query.run(request({ orgUnitCode: '210202002001' }), party());
    expect(asked.map((q) => [q.subtree, q.partyPhoneHash])).toEqual([
      [undefined, phoneLookupHash(pii, OWN)],
      ['210202002001', phoneLookupHash(pii, OWN)],
    ]);
  });

  it('keeps its own phone when it names it, and refuses another person’s', async () => {
    const { asked, query } = listing();
    await query.run(request({ partyPhone: `+86${OWN}` }), party());
    expect(asked[0]?.partyPhoneHash).toBe(phoneLookupHash(pii, OWN));
    for (const over of [
      { partyPhone: '13987654321' },
      { partyName: '李四' },
      { partyIdNumber: '21020219800101001X' },
    ])
      await expect(query.run(request(over), party())).rejects.toBeInstanceOf(InvalidInputError);
    expect(asked).toHaveLength(1);
  });

  it('lists nothing for a party without a proper mobile', async () => {
    const { asked, query } = listing();
    for (const partyPhone of ['', '0411-82345678'])
      await expect(query.run(request(), party({ partyPhone }))).rejects.toBeInstanceOf(
        NotPermittedError,
      );
    expect(asked).toHaveLength(0);
  });

  it('shows no link to another case and no risk level in its summaries', async () => {
    const { query } = listing();
    const answer = await query.run(request(), party());
    expect(answer.cases.map((c) => [c.duplicateOfCaseId, c.riskLevel])).toEqual([
      ['', 0],
      ['', 0],
    ]);
    // Staff still see them.
    const staff = await query.run(
      request(),
      as({ subject: 'm', roles: [Role.ROLE_MEDIATOR], orgUnitCode: '210202002001' }),
    );
    expect(staff.cases[0]).toMatchObject({ duplicateOfCaseId: 'case-first', riskLevel: 3 });
  });
});
