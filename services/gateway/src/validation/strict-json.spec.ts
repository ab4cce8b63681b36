import { jsonKeyProblems } from './strict-json';

const fields = (text: string) => jsonKeyProblems(text).map((p) => p.field);

describe('jsonKeyProblems', () => {
  it('finds nothing in ordinary JSON, whatever the nesting and escapes', () => {
    const text = JSON.stringify({
      a: [1, -2.5e3, true, false, null, { b: 'x\\"y\u4e2d\n' }],
      c: { d: [], e: {} },
      'key with \u0022quotes\u0022': '',
    });
    expect(jsonKeyProblems(text)).toEqual([]);
    expect(jsonKeyProblems(' [ {"a":1} , {"a":2} ] ')).toEqual([]);
  });

  it('names duplicate keys by their path, also when spelt with escapes', () => {
    expect(fields('{"a":1,"a":2}')).toEqual(['a']);
    expect(fields('{"p":[{"n":1},{"n":1,"n":2}]}')).toEqual(['p[1].n']);
    expect(fields('{"name":1,"n\\u0061me":2}')).toEqual(['name']);
    expect(jsonKeyProblems('{"a":1,"a":2}')[0].description).toBe('duplicate key');
  });

  it('names $-prefixed, dotted and object-machinery keys anywhere', () => {
    expect(
      fields('{"$where":1,"x":{"a.b":2},"l":[{"__proto__":{}},{"constructor":1,"prototype":2}]}'),
    ).toEqual(['$where', 'x.a.b', 'l[0].__proto__', 'l[1].constructor', 'l[1].prototype']);
    expect(fields('{"\\u005f_proto__":{}}')).toEqual(['__proto__']);
  });

  it('leaves text that is not JSON to JSON.parse, keeping what it found before', () => {
    expect(fields('{"a":1,"a":')).toEqual(['a']);
    expect(fields('{"a" 1}')).toEqual([]);
    expect(fields('nope')).toEqual([]);
    expect(fields('"unterminated')).toEqual([]);
  });

  it('refuses nesting deeper than the API ever needs, without overflowing the stack', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(jsonKeyProblems(deep)).toHaveLength(1);
  });
});
