import { derivedId } from './referral-ids';

describe('derivedId', () => {
  it('is stable, UUID-shaped and different for different parts', () => {
    const id = derivedId('after-failed', 'case-1', 'COURT');
    expect(id).toBe(derivedId('after-failed', 'case-1', 'COURT'));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(derivedId('after-failed', 'case-1', 'PUBLIC_SECURITY')).not.toBe(id);
    // Parts are separated, so ("ab","c") and ("a","bc") differ.
    expect(derivedId('ab', 'c')).not.toBe(derivedId('a', 'bc'));
  });
});
