import { servicePrincipal } from '@mediation/auth';
import { commonV1 } from '@mediation/contracts';
import { NotPermittedError } from '@mediation/domain-kit';
import type { RpcCall } from '@mediation/service-kit';
import { PiiProtector } from '../../../pii/pii-protector';
import type { ReadAuditRepository } from '../../../read-audit/persistence/read-audit.repository';
import { registeredCase } from '../../domain/case.fixtures';
import { toStoredParties } from '../../mapping/stored-parties';
import type { CaseRepository } from '../../persistence/case.repository';
import { GetPartyContactsQuery } from './get-party-contacts.query';

const CASE_ID = '4bf92f35-77b3-4da6-a3ce-929d0e0e4736';
const pii = new PiiProtector({
  encryptionKey: Buffer.alloc(32, 1),
  encryptionKeyId: 'k1',
  hashKey: Buffer.alloc(32, 2),
});
const parties = toStoredParties(
  [
    commonV1.Party.fromPartial({ kind: 1, role: 1, name: '张三', phone: '+86 138 1234 5678' }),
    commonV1.Party.fromPartial({ kind: 1, role: 2, name: '李四', phone: '0411-82345678' }),
    commonV1.Party.fromPartial({ kind: 1, role: 2, name: '王五' }),
  ],
  pii,
);
const cases = {
  load: async (id: string) =>
    id === CASE_ID
      ? { id, version: 1, state: { ...registeredCase(), caseNumber: 'N-1', parties } }
      : undefined,
} as unknown as CaseRepository;
const as = (principal: commonV1.Principal) => ({ principal }) as RpcCall;

describe('GetPartyContactsQuery', () => {
  it('gives the notification service the mobiles in clear, and audits the read with its purpose', async () => {
    const record = jest.fn(async () => undefined as never);
    const query = new GetPartyContactsQuery(cases, pii, {
      record,
    } as unknown as ReadAuditRepository);
    const answer = await query.run(
      { caseId: CASE_ID, partyIds: [], purpose: 'notice:case-accepted' },
      as(servicePrincipal('notification')),
    );
    expect(answer.caseNumber).toBe('N-1');
    expect(answer.contacts.map((c) => c.mobile)).toEqual(['13812345678', '', '']);
    expect(record).toHaveBeenCalledWith(
      expect.objectContaining({
        what: 'GetPartyContacts',
        why: 'notice:case-accepted',
        caseId: CASE_ID,
        reader: expect.objectContaining({ subject: 'service:notification' }),
      }),
    );
  });

  it('answers only the parties asked for', async () => {
    const query = new GetPartyContactsQuery(cases, pii, {
      record: async () => undefined as never,
    } as unknown as ReadAuditRepository);
    const answer = await query.run(
      { caseId: CASE_ID, partyIds: [parties[1]!.partyId], purpose: 'notice:x' },
      as(servicePrincipal('notification')),
    );
    expect(answer.contacts.map((c) => c.partyId)).toEqual([parties[1]!.partyId]);
  });

  it.each([
    ['another service', servicePrincipal('referral')],
    [
      'an administrator',
      commonV1.Principal.fromPartial({
        subject: 'admin',
        roles: [commonV1.Role.ROLE_ADMINISTRATOR],
        orgUnitCode: '210200',
      }),
    ],
    [
      'a person with the service’s subject but not its role',
      commonV1.Principal.fromPartial({
        subject: 'service:notification',
        roles: [commonV1.Role.ROLE_ADMINISTRATOR],
      }),
    ],
    [
      'a party',
      commonV1.Principal.fromPartial({
        subject: 'party:7f3a9c',
        roles: [commonV1.Role.ROLE_PARTY],
        partyPhone: '13812345678',
      }),
    ],
  ])('refuses %s, before reading or auditing anything', async (_who, principal) => {
    const record = jest.fn();
    const load = jest.fn();
    const query = new GetPartyContactsQuery({ load } as unknown as CaseRepository, pii, {
      record,
    } as unknown as ReadAuditRepository);
    await expect(
      query.run({ caseId: CASE_ID, partyIds: [], purpose: 'notice:x' }, as(principal)),
    ).rejects.toBeInstanceOf(NotPermittedError);
    expect(load).not.toHaveBeenCalled();
    expect(record).not.toHaveBeenCalled();
  });
});
