export { canAccessOrgUnit, hasRole, mayReadPii, subtreeScope } from './scope';
export { actorRef } from './actor';
