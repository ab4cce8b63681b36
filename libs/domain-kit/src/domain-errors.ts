/**
 * Why the domain refuses a command, in its own words. The command pipeline
 * (`@mediation/service-kit`) answers each kind with one gRPC status:
 *
 * | kind                  | status              | when                                            |
 * | --------------------- | ------------------- | ----------------------------------------------- |
 * | `invalid-argument`    | INVALID_ARGUMENT    | a request value the rules cannot accept         |
 * | `failed-precondition` | FAILED_PRECONDITION | the state or the law does not allow it now      |
 * | `permission-denied`   | PERMISSION_DENIED   | this caller may not do this to this aggregate   |
 * | `not-found`           | NOT_FOUND           | something the command names does not exist      |
 * | `conflict`            | ABORTED             | someone changed it since it was read: re-read   |
 */
export type RefusalKind =
  'invalid-argument' | 'failed-precondition' | 'permission-denied' | 'not-found' | 'conflict';

/** One problem with one request field (the proto field name, e.g. `parties[1].name`). */
export interface FieldProblem {
  field: string;
  description: string;
}

export abstract class DomainError extends Error {
  abstract readonly kind: RefusalKind;
}

/** INVALID_ARGUMENT: request values the rules cannot accept, each named by its field. */
export class InvalidInputError extends DomainError {
  readonly kind = 'invalid-argument' as const;
  readonly problems: FieldProblem[];

  constructor(field: string, description: string);
  constructor(problems: FieldProblem[]);
  constructor(fieldOrProblems: string | FieldProblem[], description = '') {
    const problems =
      typeof fieldOrProblems === 'string'
        ? [{ field: fieldOrProblems, description }]
        : fieldOrProblems;
    super(problems.map((p) => `${p.field}: ${p.description}`).join('; '));
    this.name = 'InvalidInputError';
    this.problems = problems;
  }

  /** The first problem's field (most refusals name one). */
  get field(): string {
    return this.problems[0]?.field ?? '';
  }

  get description(): string {
    return this.problems[0]?.description ?? '';
  }
}

/** FAILED_PRECONDITION: the aggregate's state or the law does not allow this step now. */
export class RuleViolationError extends DomainError {
  readonly kind = 'failed-precondition' as const;
  constructor(message: string) {
    super(message);
    this.name = 'RuleViolationError';
  }
}

/** PERMISSION_DENIED: the caller may not do this; the message discloses nothing about the data. */
export class NotPermittedError extends DomainError {
  readonly kind = 'permission-denied' as const;
  constructor(message = 'not permitted') {
    super(message);
    this.name = 'NotPermittedError';
  }
}

/** NOT_FOUND: what the command names does not exist (or is not visible to the caller). */
export class NotFoundError extends DomainError {
  readonly kind = 'not-found' as const;
  constructor(what: string) {
    super(`${what} not found`);
    this.name = 'NotFoundError';
  }
}

/** ABORTED: changed by someone else since it was read; the caller re-reads and decides again. */
export class ConflictError extends DomainError {
  readonly kind = 'conflict' as const;
  constructor(message: string) {
    super(message);
    this.name = 'ConflictError';
  }
}

/**
 * Collects field problems so a command reports all of them at once; `throwIfAny` raises one
 * InvalidInputError naming every field.
 */
export class FieldProblems {
  readonly list: FieldProblem[] = [];

  add(field: string, description: string): this {
    this.list.push({ field, description });
    return this;
  }

  get ok(): boolean {
    return this.list.length === 0;
  }

  throwIfAny(): void {
    if (!this.ok) throw new InvalidInputError([...this.list]);
  }
}
