import { RuleViolationError } from '@mediation/domain-kit';

// The domain refuses with the errors of @mediation/domain-kit (the command pipeline maps each to
// its gRPC status): RuleViolationError -> FAILED_PRECONDITION, InvalidInputError ->
// INVALID_ARGUMENT naming the request field, NotPermittedError -> PERMISSION_DENIED. Re-exported so
// the domain imports them in one place.
export { InvalidInputError, NotPermittedError, RuleViolationError } from '@mediation/domain-kit';

/** The state machine does not allow this step now: a rule violation (FAILED_PRECONDITION). */
export class InvalidTransitionError extends RuleViolationError {
  override readonly name = 'InvalidTransitionError';
  constructor(
    readonly command: string,
    readonly status: string,
    detail?: string,
  ) {
    super(
      `${command} is not allowed while the mediation is ${status}` + (detail ? `: ${detail}` : ''),
    );
  }
}
