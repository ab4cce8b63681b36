import { Client, credentials, status, type ServiceError } from '@grpc/grpc-js';
import { commonV1, GRPC_SERVICES, intakeV1 } from '@mediation/contracts';
import { callMetadata, fieldViolations } from '@mediation/service-kit';
import {
  COMMUNITY,
  INACTIVE_COMMUNITY,
  Role,
  openCaseRequest,
  party,
  principal,
  residentId,
  startHarness,
  type Harness,
} from './intake-harness';

// Each bad OpenCase gets INVALID_ARGUMENT naming the field, and nothing is written: no case, no
// number taken, no outbox entry.

let h: Harness;
const admin = principal(Role.ROLE_ADMINISTRATOR, '210200');
const { PartyRole, IdType } = commonV1;
const INJECTION = '{"$gt": ""}';

beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.stop());

const valid = () => openCaseRequest({ orgUnitCode: COMMUNITY });
const withParty = (i: number, over: Partial<commonV1.Party>) => {
  const req = valid();
  req.parties[i] = { ...req.parties[i], ...over };
  return req;
};
const applicant = valid().parties[0];

const cases: Array<[string, intakeV1.OpenCaseRequest, string]> = [
  [
    'bad ID checksum',
    withParty(0, {
      idNumber: residentId(7).slice(0, 17) + (residentId(7)[17] === '0' ? '1' : '0'),
    }),
    'parties[0].id_number',
  ],
  [
    'ID of 17 digits',
    withParty(0, { idNumber: residentId(7).slice(0, 17) }),
    'parties[0].id_number',
  ],
  [
    'ID with impossible birth date',
    withParty(0, { idNumber: residentId(7, '19801332') }),
    'parties[0].id_number',
  ],
  [
    'ID born in the future',
    withParty(0, { idNumber: residentId(7, '20991231') }),
    'parties[0].id_number',
  ],
  [
    'ID number without id_type',
    withParty(0, { idType: IdType.ID_TYPE_UNSPECIFIED }),
    'parties[0].id_type',
  ],
  [
    'bad social credit code',
    withParty(1, {
      kind: commonV1.PartyKind.PARTY_KIND_ORGANISATION,
      idType: IdType.ID_TYPE_UNIFIED_SOCIAL_CREDIT_CODE,
      idNumber: '12345',
    }),
    'parties[1].id_number',
  ],
  ['mobile of 12 digits', withParty(0, { phone: '138123456789' }), 'parties[0].phone'],
  ['mobile starting 12', withParty(0, { phone: '12812345678' }), 'parties[0].phone'],
  ['landline without area code', withParty(1, { phone: '82345678' }), 'parties[1].phone'],
  ['phone with letters', withParty(1, { phone: '0411-8234ABCD' }), 'parties[1].phone'],
  ['unknown org unit', { ...valid(), orgUnitCode: '210299999999' }, 'org_unit_code'],
  ['inactive (merged) org unit', { ...valid(), orgUnitCode: INACTIVE_COMMUNITY }, 'org_unit_code'],
  ['missing org unit', { ...valid(), orgUnitCode: '' }, 'org_unit_code'],
  ['operator injection as org unit', { ...valid(), orgUnitCode: INJECTION }, 'org_unit_code'],
  [
    'operator injection as idempotency key',
    { ...valid(), idempotencyKey: INJECTION },
    'idempotency_key',
  ],
  [
    'operator injection as ID number',
    withParty(0, { idNumber: INJECTION }),
    'parties[0].id_number',
  ],
  ['operator injection as phone', withParty(0, { phone: INJECTION }), 'parties[0].phone'],
  ['oversize idempotency key', { ...valid(), idempotencyKey: 'k'.repeat(129) }, 'idempotency_key'],
  ['oversize description', { ...valid(), description: '纠'.repeat(5_001) }, 'description'],
  ['oversize name', withParty(0, { name: '张'.repeat(101) }), 'parties[0].name'],
  ['oversize address', withParty(0, { address: '路'.repeat(201) }), 'parties[0].address'],
  [
    'too many parties',
    { ...valid(), parties: Array.from({ length: 51 }, () => applicant) },
    'parties',
  ],
  ['no parties', { ...valid(), parties: [] }, 'parties'],
  ['no respondent', { ...valid(), parties: [applicant] }, 'parties'],
  [
    'no applicant',
    {
      ...valid(),
      parties: [party(PartyRole.PARTY_ROLE_RESPONDENT, '李四', residentId(9), '13900000000')],
    },
    'parties',
  ],
  ['empty party name', withParty(0, { name: '  ' }), 'parties[0].name'],
  [
    'party role unspecified',
    withParty(0, { role: PartyRole.PARTY_ROLE_UNSPECIFIED }),
    'parties[0].role',
  ],
  ['unknown party kind', withParty(0, { kind: 9 as commonV1.PartyKind }), 'parties[0].kind'],
  ['client-chosen party id', withParty(0, { partyId: 'p-1' }), 'parties[0].party_id'],
  ['unknown category', { ...valid(), category: 99 as commonV1.DisputeCategory }, 'category'],
  ['category unspecified', { ...valid(), category: 0 }, 'category'],
  ['unknown source', { ...valid(), source: 42 as commonV1.CaseSource }, 'source'],
  ['unknown channel', { ...valid(), channel: 17 as commonV1.Channel }, 'channel'],
  ['walk-in without platform level', { ...valid(), platformLevel: 0 }, 'platform_level'],
  [
    'referral without institution',
    { ...valid(), channel: commonV1.Channel.CHANNEL_REFERRAL },
    'referring_institution',
  ],
  [
    'unknown risk level',
    { ...valid(), risk: { level: 12 as commonV1.RiskLevel, factors: [], note: '' } },
    'risk.level',
  ],
  ['negative people involved', { ...valid(), peopleInvolved: -3 }, 'people_involved'],
  [
    'negative amount',
    { ...valid(), amountInvolved: { currencyCode: 'CNY', amountFen: '-1' } },
    'amount_involved.amount_fen',
  ],
  [
    'foreign currency',
    { ...valid(), amountInvolved: { currencyCode: 'USD', amountFen: '100' } },
    'amount_involved.currency_code',
  ],
  [
    'dispute started in the future',
    {
      ...valid(),
      disputeStartedAt: { seconds: String(Math.floor(Date.now() / 1000) + 86_400 * 30), nanos: 0 },
    },
    'dispute_started_at',
  ],
];

/**
 * Every case with its version: a refused request must add no case and change none. (Not the
 * outbox: the relay may publish an earlier case's event meanwhile, which is no write of ours.)
 */
async function writes(): Promise<string[]> {
  const cases = await h.db
    .collection('cases')
    .find({}, { projection: { version: 1 } })
    .toArray();
  return cases.map((c) => `${String(c._id)}@${String(c.version)}`).sort();
}

it(`rejects each of ${cases.length} bad inputs with INVALID_ARGUMENT on the field and writes nothing`, async () => {
  expect(cases.length).toBeGreaterThanOrEqual(25);
  const before = await writes();
  for (const [what, req, field] of cases) {
    const error = await h.client.call('openCase', req, { principal: admin }).then(
      () => undefined,
      (e: ServiceError) => e,
    );
    expect({ what, code: error?.code }).toEqual({ what, code: status.INVALID_ARGUMENT });
    expect({ what, fields: fieldViolations(error!.metadata).map((v) => v.field) }).toEqual({
      what,
      fields: expect.arrayContaining([field]),
    });
  }
  expect(await writes()).toEqual(before);
  // A valid request after all that gets number 1: no rejected request consumed one.
  const ok = await h.client.call('openCase', valid(), {
    principal: admin,
  });
  expect(ok.case!.caseNumber).toMatch(/第00001号$/);
});

it('keeps an operator-injection string as plain text where free text is allowed', async () => {
  const req = withParty(0, { name: INJECTION });
  req.description = INJECTION;
  const ok = await h.client.call('openCase', req, { principal: admin });
  expect(ok.case!.description).toBe(INJECTION);
  expect(ok.case!.parties[0].name).toBe(INJECTION);
});

it('rejects a request carrying a field this contract version does not have, and writes nothing', async () => {
  const before = await writes();
  // Field 99 (length-delimited) does not exist in OpenCaseRequest: tag varint 0x9a 0x06.
  const note = Buffer.from('from a newer client');
  const unknown = Buffer.concat([Buffer.from([0x9a, 0x06, note.length]), note]);
  const bytes = Buffer.concat([intakeV1.OpenCaseRequest.encode(valid()).finish(), unknown]);
  const raw = new Client(h.address, credentials.createInsecure());
  const error = await new Promise<ServiceError | null>((resolve) =>
    raw.makeUnaryRequest(
      `/${GRPC_SERVICES.intake.fullName}/OpenCase`,
      (b: Buffer) => b,
      (b: Buffer) => b,
      bytes,
      callMetadata({ principal: admin }, 'intake'),
      (err) => resolve(err),
    ),
  );
  raw.close();
  expect(error?.code).toBe(status.INVALID_ARGUMENT);
  expect(fieldViolations(error!.metadata)).toEqual([
    { field: '(request)', description: expect.stringContaining('unknown field number 99') },
  ]);
  expect(await writes()).toEqual(before);
});
