import { PiiProtector } from '../../pii/pii-protector';
import { registeredCase } from '../domain/case.fixtures';
import { caseSummary } from './case-view.mapper';
import { caseForReader, partyCaseSummary, revealsPii } from './party-disclosure';
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
    expect(
      ['clear', 'masked', 'contacts', 'none', 'party'].filter((s) => revealsPii(s as never)),
    ).toEqual(['clear', 'contacts', 'party']);
  });
});

describe('caseForReader for a party', () => {
  const two = toStoredParties(
    [
      {
        partyId: 'own',
        kind: 1,
        role: 1,
        name: '张三丰',
        idType: 1,
        idNumber: '21020219800101001X',
        phone: '13812345678',
        address: '大连市中山区元滩街道光景社区12号楼',
        consent: 2,
      },
      {
        partyId: 'other',
        kind: 1,
        role: 2,
        name: '李四光',
        idType: 1,
        idNumber: '210202198202020028',
        phone: '13987654321',
        address: '大连市西岗区八一路99号院7号楼',
        consent: 2,
      },
    ],
    pii,
  );
  const kase = {
    ...registeredCase(),
    parties: two,
    risk: { level: 3, factors: [1], note: '对方有过激言行' },
    duplicateOfCaseId: 'case-first',
    duplicateCaseIds: ['case-later'],
  };
  const view = (own: string[]) => caseForReader('c1', 1, kase, 'party', pii, own);

  it('shows its own record in clear', () => {
    expect(view(['own']).parties[0]).toMatchObject({
      partyId: 'own',
      name: '张三丰',
      idNumber: '21020219800101001X',
      phone: '13812345678',
      address: '大连市中山区元滩街道光景社区12号楼',
    });
  });

  it('shows the other parties by name, their ID numbers, phones and addresses masked', () => {
    const other = view(['own']).parties[1]!;
    expect(other).toMatchObject({
      partyId: 'other',
      role: 2,
      name: '李四光',
      idNumberMasked: '2102**********0028',
      phoneMasked: '139****4321',
      addressMasked: '大连市西岗区八一****',
    });
    expect([other.idNumber, other.phone, other.address]).toEqual([undefined, undefined, undefined]);
    expect(JSON.stringify(view(['own']))).not.toMatch(/210202198202020028|13987654321|八一路99/);
  });

  it('masks every record when none is its own, as a party rule without a match would', () => {
    const json = JSON.stringify(view([]));
    expect(json).not.toMatch(/21020219800101001X|13812345678|光景社区12号楼/);
    expect(json).not.toMatch(/210202198202020028|13987654321|八一路99/);
  });

  it('withholds the links to other cases and the staff’s risk assessment', () => {
    const seen = view(['own']);
    expect([seen.duplicateOfCaseId, seen.duplicateCaseIds, seen.risk]).toEqual(['', [], null]);
    expect(JSON.stringify(seen)).not.toMatch(/case-first|case-later|过激/);
    // Staff still see them.
    expect(caseForReader('c1', 1, kase, 'clear', pii).duplicateOfCaseId).toBe('case-first');
    const summary = partyCaseSummary(caseSummary('c1', 1, kase));
    expect([summary.duplicateOfCaseId, summary.riskLevel]).toEqual(['', 0]);
    expect(summary.caseId).toBe('c1');
  });
});
