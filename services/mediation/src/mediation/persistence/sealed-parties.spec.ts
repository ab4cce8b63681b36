import { randomBytes } from 'node:crypto';
import { Sealer } from '@mediation/persistence';
import type { PartyAsWritten } from './mediation.document';
import { hasPlainParties, openParties, sealParties } from './sealed-parties';

const sealer = new Sealer({ current: { id: 'k1', key: randomBytes(32) } });
const party: PartyAsWritten = {
  partyId: 'p-1',
  kind: 1,
  role: 1,
  name: '王秀英',
  idType: 1,
  idNumber: '210202198503120426',
  phone: '13812345678',
  address: '中山区光景街1号',
};

describe('the parties as written, sealed at rest', () => {
  it('seals ID number, phone and address, keeps the rest, and opens them again', () => {
    const [sealed] = sealParties(sealer, [party]);
    expect(sealed).toMatchObject({ partyId: 'p-1', name: '王秀英', kind: 1, idType: 1 });
    const text = JSON.stringify(sealed);
    for (const clear of [party.idNumber, party.phone, party.address])
      expect(text).not.toContain(clear);
    expect(hasPlainParties([sealed!])).toBe(false);
    expect(openParties(sealer, [sealed!])).toEqual([party]);
  });

  it('never seals twice, leaves empty fields empty, and reads parties stored in clear', () => {
    const once = sealParties(sealer, [{ ...party, phone: '' }]);
    expect(sealParties(sealer, once)).toEqual(once);
    expect(once[0]!.phone).toBe('');
    expect(hasPlainParties([party])).toBe(true);
    expect(openParties(sealer, [party])).toEqual([party]);
  });
});
