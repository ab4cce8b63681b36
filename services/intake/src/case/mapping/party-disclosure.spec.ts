import { PiiProtector } from '../../pii/pii-protector';
import { registeredCase } from '../domain/case.fixtures';
import { caseForReader, revealsPii } from './party-disclosure';
import { toStoredParties } from './stored-parties';

const pii = new PiiProtector({
  encryptionKey: Buffer.alloc(32, 1),
  encryptionKeyId: 'k1',
  hashKey: Buffer.alloc(32, 2),
});
const parties = toStoredParties(
  [
    {
      partyId: '',
      kind: 1,
      role: 1,
      name: '张三丰',
      idType: 1,
      idNumber: '21020219800101001X',
      phone: '13812345678',
      address: '大连市中山区元滩街道光景社区12号楼',
      consent: 2,
    },
  ],
  pii,
);
const state = { ...registeredCase(), parties };
const party = (shown: Parameters<typeof caseForReader>[3]) =>
  caseForReader('c1', 1, state, shown, pii).parties[0];

describe('caseForReader', () => {
  it('shows everything in clear to readers of personal data', () => {
    expect(party('clear')).toMatchObject({
      name: '张三丰',
      idNumber: '21020219800101001X',
      phone: '13812345678',
      address: '大连市中山区元滩街道光景社区12号楼',
    });
  });

  it('masks for volunteers', () => {
    const p = party('masked');
    expect(p).toMatchObject({ name: '张**', phoneMasked: '138****5678' });
    expect([p.idNumber, p.phone, p.address]).toEqual([undefined, undefined, undefined]);
  });

  it('gives the claiming lawyer names and contacts, the ID number masked', () => {
    const p = party('contacts');
    expect(p).toMatchObject({
      name: '张三丰',
      phone: '13812345678',
      idNumberMasked: '2102**********001X',
    });
    expect(p.address).toBe('大连市中山区元滩街道光景社区12号楼');
    expect(p.idNumber).toBeUndefined();
  });

  it('gives a lawyer before the claim no names or contacts, masked or not', () => {
    const p = party('none');
    expect(p).toMatchObject({
      role: 1,
      name: '',
      idNumberMasked: '',
      phoneMasked: '',
      addressMasked: '',
    });
    expect([p.idNumber, p.phone, p.address]).toEqual([undefined, undefined, undefined]);
    expect(JSON.stringify(caseForReader('c1', 1, state, 'none', pii))).not.toMatch(
      /张|5678|光景社区12/,
    );
  });

  it('audits exactly the answers with clear personal data', () => {
    expect(['clear', 'masked', 'contacts', 'none'].filter((s) => revealsPii(s as never))).toEqual([
      'clear',
      'contacts',
    ]);
  });
});
