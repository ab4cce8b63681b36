// Domain errors carry no transport detail; the command pipeline maps them to gRPC statuses.

/** The state machine does not allow this step now (gRPC FAILED_PRECONDITION). */
export class InvalidTransitionError extends Error {
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

/** A legal or business rule forbids the step (also FAILED_PRECONDITION), e.g. a closed window. */
export class RuleViolationError extends Error {
  override readonly name = 'RuleViolationError';
}

/** The request itself is malformed (gRPC INVALID_ARGUMENT). */
export class DomainValidationError extends Error {
  override readonly name = 'DomainValidationError';
  constructor(
    readonly field: string,
    readonly description: string,
  ) {
    super(`${field}: ${description}`);
  }
}
