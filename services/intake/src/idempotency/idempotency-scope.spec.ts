import { idempotencyScope, sameScope } from './idempotency-scope';

describe('idempotency scopes', () => {
  it('join their parts with the unit separator, never NUL (PostgreSQL jsonb cannot hold it)', () => {
    const scope = idempotencyScope('user-1', 'case-9', 'key-1');
    expect(scope).toBe('user-1\u001fcase-9\u001fkey-1');
    expect(scope).not.toContain('\u0000');
  });

  it('match a scope stored NUL-separated before, and nothing else', () => {
    const scope = idempotencyScope('user-1', 'key-1');
    expect(sameScope(scope, scope)).toBe(true);
    expect(sameScope('user-1\u0000key-1', scope)).toBe(true);
    expect(sameScope('user-1\u0000key-2', scope)).toBe(false);
    expect(sameScope(idempotencyScope('user-2', 'key-1'), scope)).toBe(false);
  });
});
