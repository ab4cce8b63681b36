export {
  ConflictError,
  DomainError,
  FieldProblems,
  InvalidInputError,
  NotFoundError,
  NotPermittedError,
  RuleViolationError,
} from './domain-errors';
export type { FieldProblem, RefusalKind } from './domain-errors';
export { maskAddress, maskIdNumber, maskPersonName, maskPhone } from './pii-mask';
