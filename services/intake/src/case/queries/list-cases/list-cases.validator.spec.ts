import { intakeV1, withResidentIdCheckChar } from '@mediation/contracts';
import { InvalidInputError } from '@mediation/domain-kit';
import { orgDirectory } from '@mediation/org-directory';
import { validateListCases } from './list-cases.validator';

const now = new Date('2026-11-26T12:00:00Z');
const context = { now, directory: orgDirectory(), callerSubject: 'mediator-7' };
const ID = withResidentIdCheckChar('21020219800101001');

const request = (over: Partial<intakeV1.ListCasesRequest> = {}) =>
  intakeV1.ListCasesRequest.fromPartial(over);
const criteria = (over: Partial<intakeV1.ListCasesRequest>) =>
  validateListCases(request(over), context);
const problems = (over: Partial<intakeV1.ListCasesRequest>) => {
  try {
    validateListCases(request(over), context);
    return [];
  } catch (e) {
    return (e as InvalidInputError).problems.map((v) => v.field);
  }
};

describe('validateListCases', () => {
  it('accepts an empty request: the caller’s whole scope, one default page', () => {
    expect(criteria({})).toMatchObject({ pageSize: 50, caseNumber: '', partyPhone: '' });
  });

  it('normalises phones and resident IDs exactly as OpenCase stores them', () => {
    expect(criteria({ partyPhone: '+86 138 1234 5678' }).partyPhone).toBe('13812345678');
    expect(criteria({ partyPhone: '(0411)82345678' }).partyPhone).toBe('0411-82345678');
    const withX = withResidentIdCheckChar('21020219800101003');
    expect(criteria({ partyIdNumber: withX.toLowerCase() }).partyIdNumber).toBe(withX);
    expect(criteria({ partyIdNumber: ` ${ID} ` }).partyIdNumber).toBe(ID);
  });

  it('refuses phones and ID numbers of a bad format by field, without echoing them', () => {
    const bad = { partyPhone: '12345', partyIdNumber: '210202198001010010' };
    expect(problems(bad)).toEqual(['party_phone', 'party_id_number']);
    try {
      validateListCases(request(bad), context);
    } catch (e) {
      expect(JSON.stringify((e as InvalidInputError).problems)).not.toMatch(/12345|2102021980/);
    }
  });

  it('needs at least 4 characters of a case number and 2 of a name prefix', () => {
    expect(problems({ caseNumber: '042' })).toEqual(['case_number']);
    expect(criteria({ caseNumber: '第0004' }).caseNumber).toBe('第0004');
    expect(problems({ partyName: '张' })).toEqual(['party_name']);
    expect(criteria({ partyName: ' 张三 ' }).partyName).toBe('张三');
    expect(problems({ partyName: '张\u202E三', caseNumber: 'ab\u0000cd' })).toEqual([
      'case_number',
      'party_name',
    ]);
  });

  it('resolves the mediator "me" to the caller and checks the holder against the directory', () => {
    expect(criteria({ mediatorId: 'me' }).mediatorId).toBe('mediator-7');
    expect(criteria({ mediatorId: 'mediator-9' }).mediatorId).toBe('mediator-9');
    expect(criteria({ holderCommitteeCode: 'MC-210202002001' }).holderCommitteeCode).toBe(
      'MC-210202002001',
    );
    expect(problems({ holderCommitteeCode: 'MC-NOPE' })).toEqual(['holder_committee_code']);
  });

  it('reports every problem at once, with the old filters', () => {
    expect(
      problems({
        statuses: [99 as intakeV1.CaseStatus],
        orgUnitCode: 'nope',
        page: { pageSize: -1, pageToken: 'garbage' },
        partyPhone: 'x',
      }),
    ).toEqual(['statuses[0]', 'page.page_size', 'page.page_token', 'org_unit_code', 'party_phone']);
  });

  it('accepts the life statuses of the case view', () => {
    expect(
      criteria({ statuses: [intakeV1.CaseStatus.CASE_STATUS_REFERRED_OUT], overdueOnly: true }),
    ).toMatchObject({ statuses: [16], overdueOnly: true });
  });

  describe('for a party', () => {
    const OWN = '13812345678';
    const asParty = { ...context, callerSubject: 'party:7f3a9c', partyPhone: OWN };
    const partyProblems = (over: Partial<intakeV1.ListCasesRequest>) => {
      try {
        validateListCases(request(over), asParty);
        return [];
      } catch (e) {
        return (e as InvalidInputError).problems.map((v) => `${v.field}: ${v.description}`);
      }
    };

    it('refuses the searches for a person: a name, an ID number, another phone', () => {
      expect(
        partyProblems({ partyName: '李四', partyIdNumber: ID, partyPhone: '13987654321' }),
      ).toEqual([
        'party_name: not available to a party, whose list is its own cases',
        'party_id_number: not available to a party, whose list is its own cases',
        'party_phone: not available to a party, whose list is its own cases (its own number only)',
      ]);
      expect(JSON.stringify(partyProblems({ partyPhone: '13987654321' }))).not.toMatch(/1398765/);
    });

    it('lets it name its own number, in any form, and narrow by what it sees of its cases', () => {
      expect(
        validateListCases(request({ partyPhone: '+86 138 1234 5678' }), asParty),
      ).toMatchObject({ partyPhone: OWN });
      expect(
        validateListCases(
          request({
            statuses: [intakeV1.CaseStatus.CASE_STATUS_REGISTERED],
            caseNumber: '第0004',
            orgUnitCode: '210202002001',
          }),
          asParty,
        ),
      ).toMatchObject({ statuses: [1], caseNumber: '第0004', orgUnitCode: '210202002001' });
    });
  });
});
