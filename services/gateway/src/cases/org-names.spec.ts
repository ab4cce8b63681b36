import { orgDirectory } from '@mediation/org-directory';
import { OrgNames } from './org-names';

const names = new OrgNames(orgDirectory());
const STREET = { code: 'MC-210202002', orgUnitCode: '210202002', level: 'HANDLING_LEVEL_STREET' };
const POINT = {
  code: '210202002001P01',
  orgUnitCode: '210202002001P01',
  level: 'HANDLING_LEVEL_REASONING_POINT',
};

describe('OrgNames', () => {
  it('names committees, and a reasoning point acting as handler by its unit', () => {
    expect(names.committee('MC-210202002')).toBe('中山区元滩街道人民调解委员会');
    expect(names.committee('210202002001P01')).toBe('光景社区老年活动室评理说事点');
    expect(names.committee('MC-999999999')).toBeUndefined();
  });

  it('names a referral’s institution and desk', () => {
    const referral = {
      referralId: 'r-1',
      institution: { code: 'CRT-210202', type: 'INSTITUTION_TYPE_COURT' },
      desk: { code: 'CRT-210202-D01' },
    };
    const named = names.referralJson(referral) as {
      institution: { name?: string };
      desk: { name?: string };
    };
    expect(named.institution.name).toBe(names.institution('CRT-210202'));
    expect(named.institution.name).toBeTruthy();
    expect(named.desk.name).toBe(names.desk('CRT-210202-D01'));
    expect(named.desk.name).toBeTruthy();
  });

  it('names the committee of a deadline or a workload row, the rest as it was', () => {
    const deadline = { deadlineId: 'd-1', dueAt: '2026-12-16T15:08:31Z', committee: POINT };
    expect(names.withCommitteeJson(deadline)).toEqual({
      ...deadline,
      committee: { ...POINT, name: '光景社区老年活动室评理说事点' },
    });
    const row = { mediatorId: 'm-1', committee: null };
    expect(names.withCommitteeJson(row)).toEqual(row);
  });

  it('names every ref of a case’s progress and leaves the rest as it was', () => {
    const kase = {
      caseId: 'c-1',
      status: 'CASE_STATUS_REFERRED_OUT',
      orgUnit: { code: '210202002001P01', level: 'ORG_UNIT_LEVEL_REASONING_POINT' },
      committee: STREET,
      progress: {
        holder: STREET,
        path: [POINT, STREET],
        overdue: false,
        referral: {
          stage: 'REFERRAL_STAGE_PENDING',
          desk: { code: 'CRT-210202-D01', institutionCode: 'CRT-210202' },
          institution: { code: 'CRT-210202', type: 'INSTITUTION_TYPE_COURT' },
        },
      },
    };
    expect(names.caseJson(kase)).toEqual({
      ...kase,
      orgUnit: { ...kase.orgUnit, name: '光景社区老年活动室评理说事点' },
      committee: { ...STREET, name: '中山区元滩街道人民调解委员会' },
      progress: {
        ...kase.progress,
        holder: { ...STREET, name: '中山区元滩街道人民调解委员会' },
        path: [
          { ...POINT, name: '光景社区老年活动室评理说事点' },
          { ...STREET, name: '中山区元滩街道人民调解委员会' },
        ],
        referral: {
          ...kase.progress.referral,
          desk: { ...kase.progress.referral.desk, name: '诉调对接工作室' },
          institution: { ...kase.progress.referral.institution, name: '大连市中山区人民法院' },
        },
      },
    });
  });

  it('keeps null refs and progress, unknown codes without a name; names a desk handling a step', () => {
    expect(names.caseJson({ caseId: 'c-1', committee: null, progress: null })).toEqual({
      caseId: 'c-1',
      orgUnit: undefined,
      committee: null,
      progress: null,
    });
    const unknown = { code: 'MC-999999999', level: 'HANDLING_LEVEL_STREET' };
    expect(names.timelineEntryJson({ entryId: 'e-1', handler: unknown })).toEqual({
      entryId: 'e-1',
      handler: unknown,
    });
    const desk = {
      code: 'CRT-210202-D01',
      orgUnitCode: '210202',
      level: 'HANDLING_LEVEL_UNSPECIFIED',
    };
    expect(names.timelineEntryJson({ entryId: 'e-3', handler: desk })).toEqual({
      entryId: 'e-3',
      handler: { ...desk, name: '大连市中山区人民法院 诉调对接工作室' },
    });
    expect(names.timelineEntryJson({ entryId: 'e-2', handler: null })).toEqual({
      entryId: 'e-2',
      handler: null,
    });
  });
});
