export { canAccessOrgUnit, hasRole, mayReadPii, subtreeScope } from './scope';
