import { commonV1 } from '@mediation/contracts';
import { NotPermittedError } from '@mediation/domain-kit';
import { orgDirectory } from '@mediation/org-directory';
import type { RpcCall } from '@mediation/service-kit';
import { PiiProtector } from '../../../pii/pii-protector';
import type { ReadAuditRepository } from '../../../read-audit/persistence/read-audit.repository';
import { registeredCase } from '../../domain/case.fixtures';
import { toStoredParties } from '../../mapping/stored-parties';
import type { CaseRepository } from '../../persistence/case.repository';
import { GetCaseQuery } from './get-case.query';

const CASE_ID = '4bf92f35-77b3-4da6-a3ce-929d0e0e4736';
const CASE_NUMBER = '（2026）大调字第210202002001-7号';
const pii = new PiiProtector({
  encryptionKey: Buffer.alloc(32, 1),
  encryptionKeyId: 'k1',
  hashKey: Buffer.alloc(32, 2),
});
const parties = toStoredParties(
  [commonV1.Party.fromPartial({ kind: 1, role: 1, name: '张三', phone: '13812345678' })],
  pii,
);
const cases = {
  load: async () => ({
    id: CASE_ID,
    version: 1,
    state: { ...registeredCase(), caseNumber: CASE_NUMBER, parties },
  }),
} as unknown as CaseRepository;
const callAs = (role: commonV1.Role) =>
  ({
    principal: commonV1.Principal.fromPartial({
      subject: 'reader-1',
      roles: [role],
      orgUnitCode: '210202002001',
      displayName: '调解员甲',
    }),
  }) as RpcCall;

const query = (record: ReadAuditRepository['record']) =>
  new GetCaseQuery(cases, pii, orgDirectory(), { record } as ReadAuditRepository);

describe('GetCaseQuery and the read audit', () => {
  it('records a read of clear personal data, with who and why, before answering', async () => {
    const record = jest.fn(async () => undefined as never);
    const answer = await query(record).run(
      { caseId: CASE_ID },
      callAs(commonV1.Role.ROLE_MEDIATOR),
    );
    expect(answer.case?.caseId).toBe(CASE_ID);
    expect(record).toHaveBeenCalledWith({
      reader: {
        subject: 'reader-1',
        role: commonV1.Role.ROLE_MEDIATOR,
        orgUnitCode: '210202002001',
        displayName: '调解员甲',
      },
      what: 'GetCase',
      caseId: CASE_ID,
      caseNumber: CASE_NUMBER,
      documentId: '',
      why: 'scope',
    });
  });

  it('fails the read when the entry cannot be written: nothing unaudited goes out', async () => {
    const failing = query(async () => {
      throw new Error('store unavailable');
    });
    await expect(
      failing.run({ caseId: CASE_ID }, callAs(commonV1.Role.ROLE_MEDIATOR)),
    ).rejects.toThrow('store unavailable');
  });

  it('does not audit a masked answer', async () => {
    const record = jest.fn(async () => undefined as never);
    await query(record).run({ caseId: CASE_ID }, callAs(commonV1.Role.ROLE_VOLUNTEER));
    expect(record).not.toHaveBeenCalled();
  });

  it('records a party’s read of its own record, why "party"', async () => {
    const record = jest.fn(async () => undefined as never);
    const party = commonV1.Principal.fromPartial({
      subject: 'party:7f3a9c',
      roles: [commonV1.Role.ROLE_PARTY],
      partyPhone: '13812345678',
    });
    const answer = await query(record).run({ caseId: CASE_ID }, { principal: party } as RpcCall);
    expect(answer.case?.parties[0]).toMatchObject({ name: '张三', phone: '13812345678' });
    expect(record).toHaveBeenCalledWith(
      expect.objectContaining({
        reader: expect.objectContaining({
          subject: 'party:7f3a9c',
          role: commonV1.Role.ROLE_PARTY,
        }),
        what: 'GetCase',
        caseId: CASE_ID,
        why: 'party',
      }),
    );
  });

  it('refuses a party whose phone the case does not name, before auditing anything', async () => {
    const record = jest.fn(async () => undefined as never);
    const stranger = commonV1.Principal.fromPartial({
      subject: 'party:0000',
      roles: [commonV1.Role.ROLE_PARTY],
      partyPhone: '13987654321',
    });
    await expect(
      query(record).run({ caseId: CASE_ID }, { principal: stranger } as RpcCall),
    ).rejects.toBeInstanceOf(NotPermittedError);
    expect(record).not.toHaveBeenCalled();
  });
});
