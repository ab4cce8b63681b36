import { commonV1 } from '@mediation/contracts';
import { orgDirectory } from '@mediation/org-directory';
import { ProblemError } from '../problems/problem';
import {
  defaultOrgUnit,
  requireAggregateScope,
  requireCaseScope,
  requireDeskScope,
} from './scope.policy';

const directory = orgDirectory();
const { Role } = commonV1;
const p = (roles: commonV1.Role[], extra: Partial<commonV1.Principal> = {}) =>
  commonV1.Principal.fromPartial({ subject: 's', roles, ...extra });

it('limits case data to the caller’s subtree', () => {
  const mediator = p([Role.ROLE_MEDIATOR], { orgUnitCode: '210202002001' });
  expect(() => requireCaseScope(mediator, '210202002001P01', directory)).not.toThrow();
  expect(() => requireCaseScope(mediator, '210202', directory)).toThrow(ProblemError);
  expect(() =>
    requireCaseScope(p([Role.ROLE_ANALYST], { orgUnitCode: '210200' }), '210202', directory),
  ).toThrow(ProblemError);
  expect(() => requireCaseScope(p([Role.ROLE_ADMINISTRATOR]), 'nope', directory)).toThrow(
    ProblemError,
  );
});

it('answers an unknown org unit with 400 naming the field, before any scope check', () => {
  const mediator = p([Role.ROLE_MEDIATOR], { orgUnitCode: '210202002001' });
  const problemOf = (fn: () => void) => {
    try {
      fn();
    } catch (error) {
      return (error as ProblemError).problem;
    }
    return undefined;
  };
  expect(problemOf(() => requireCaseScope(mediator, '210299999999', directory))).toMatchObject({
    status: 400,
    errors: [{ field: 'orgUnitCode', description: 'unknown org unit' }],
  });
  expect(
    problemOf(() => requireCaseScope(mediator, 'nope', directory, 'changes.orgUnitCode')),
  ).toMatchObject({ status: 400, errors: [{ field: 'changes.orgUnitCode' }] });
  expect(problemOf(() => requireCaseScope(mediator, '210203001001', directory))).toMatchObject({
    status: 403,
  });
});

it('lets analysts see aggregates of their subtree only', () => {
  const analyst = p([Role.ROLE_ANALYST], { orgUnitCode: '210202' });
  expect(() => requireAggregateScope(analyst, '210202002', directory)).not.toThrow();
  expect(() => requireAggregateScope(analyst, '210200', directory)).toThrow(ProblemError);
  expect(() =>
    requireAggregateScope(p([Role.ROLE_ADMINISTRATOR]), '210203', directory),
  ).not.toThrow();
});

it('gives a lawyer only their own desk', () => {
  const lawyer = p([Role.ROLE_STATIONED_LAWYER], { deskCode: 'CRT-210202-D01' });
  expect(() => requireDeskScope(lawyer, 'CRT-210202-D01')).not.toThrow();
  expect(() => requireDeskScope(lawyer, 'PET-210200-D01')).toThrow(ProblemError);
  expect(() =>
    requireDeskScope(p([Role.ROLE_MEDIATOR], { deskCode: 'CRT-210202-D01' }), 'CRT-210202-D01'),
  ).toThrow(ProblemError);
});

it('defaults lists to the caller’s own root, the city for administrators', () => {
  expect(defaultOrgUnit(p([Role.ROLE_ADMINISTRATOR]), directory)).toBe('210200');
  expect(defaultOrgUnit(p([Role.ROLE_MEDIATOR], { orgUnitCode: '210202' }), directory)).toBe(
    '210202',
  );
});
