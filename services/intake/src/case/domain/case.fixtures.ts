import type { StoredParty } from './case.entity';
import { newCase, type NewCaseInput } from './new-case';

// A registered case for the domain's specs.

export const at = new Date('2026-11-26T02:00:00Z');
export const mediator = { subject: 'u1', role: 3, orgUnitCode: '210202002001' };
export const thresholds = { minPeople: 5, minAmountFen: 100_000_000 };
export const hash = (t: string) => `h(${t})`;

export const storedParty = (partyId: string, role: number, idNumberHash: string): StoredParty => ({
  partyId,
  kind: 1,
  role,
  name: '张三',
  idType: 1,
  idNumberEnc: 'sealed',
  idNumberMasked: '2102**********123X',
  idNumberHash,
  phoneEnc: '',
  phoneMasked: '',
  phoneHash: '',
  addressEnc: '',
  addressMasked: '',
  consent: 2,
});

export const registration = (over: Partial<NewCaseInput> = {}): NewCaseInput => ({
  idempotencyScope: 'u1\u001fkey-1',
  source: 1,
  channel: 1,
  platformLevel: 4,
  referringInstitution: null,
  externalReference: '',
  referralId: '',
  placement: {
    orgUnitCode: '210202002001',
    orgUnitLevel: 4,
    orgPath: ['2102', '210202', '210202002', '210202002001'],
    committee: { code: 'MC-210202002001', orgUnitCode: '210202002001', level: 4 },
  },
  category: 2,
  parties: [storedParty('p1', 1, 'id-a'), storedParty('p2', 2, 'id-r')],
  peopleInvolved: 2,
  amountFen: 150_000,
  description: '楼上漏水',
  risk: null,
  disputeStartedAt: null,
  entrustedTermDueAt: null,
  registeredBy: mediator,
  at,
  ...over,
});

export const registeredCase = (over: Partial<NewCaseInput> = {}) =>
  newCase(registration(over), { massDispute: thresholds, hash });
