import {
  ConflictError,
  DomainError,
  FieldProblems,
  InvalidInputError,
  NotFoundError,
  NotPermittedError,
  RuleViolationError,
} from './domain-errors';

describe('domain errors', () => {
  it('each names its kind, so the pipeline can answer without knowing the service', () => {
    const kinds = [
      new InvalidInputError('reason', 'is required'),
      new RuleViolationError('closed'),
      new NotPermittedError(),
      new NotFoundError('case c1'),
      new ConflictError('stale'),
    ].map((e) => {
      expect(e).toBeInstanceOf(DomainError);
      expect(e).toBeInstanceOf(Error);
      return e.kind;
    });
    expect(kinds).toEqual([
      'invalid-argument',
      'failed-precondition',
      'permission-denied',
      'not-found',
      'conflict',
    ]);
  });

  it('an invalid input names every field and reads as one sentence', () => {
    const e = new InvalidInputError([
      { field: 'reason', description: 'is required' },
      { field: 'party_id', description: 'is not a party of this case' },
    ]);
    expect(e.field).toBe('reason');
    expect(e.problems).toHaveLength(2);
    expect(e.message).toBe('reason: is required; party_id: is not a party of this case');
  });

  it('collected problems throw once, with all of them, and nothing when there are none', () => {
    const none = new FieldProblems();
    expect(() => none.throwIfAny()).not.toThrow();
    const some = new FieldProblems().add('a', 'x').add('b', 'y');
    expect(some.ok).toBe(false);
    expect(() => some.throwIfAny()).toThrow(InvalidInputError);
    try {
      some.throwIfAny();
    } catch (error) {
      expect((error as InvalidInputError).problems.map((p) => p.field)).toEqual(['a', 'b']);
    }
  });
});
