import { RunSize } from './run-size';

describe('RunSize', () => {
  it('halves after each failed run down to its minimum, and doubles back after each one written', () => {
    const size = new RunSize(1_000, 100);
    expect(size.current).toBe(1_000);
    size.failed();
    size.failed();
    expect(size.current).toBe(250);
    size.failed();
    size.failed();
    expect(size.current).toBe(100);
    size.written();
    expect(size.current).toBe(200);
    for (let i = 0; i < 5; i++) size.written();
    expect(size.current).toBe(1_000);
  });
});
