import {
  checkTextTree,
  cleanText,
  jsonPath,
  protoPath,
  textKindOf,
  textProblem,
} from './text-safety';

describe('text safety', () => {
  it.each([
    ['张\u202E三', 'bidirectional'],
    ['张\u2066三', 'bidirectional'],
    ['张\u200F三', 'bidirectional'],
    ['张\u061C三', 'bidirectional'],
    ['张\u0000三', 'control'],
    ['张\n三', 'control'],
    ['张\u0085三', 'control'],
    ['张\uFFFD三', 'U+FFFD'],
    ['张\uD800三', 'surrogate'],
    ['张\uDC00', 'surrogate'],
  ])('refuses %j as a name (%s)', (value, why) => {
    expect(textProblem(value, 'name')).toContain(why);
  });

  it('accepts names with astral characters (a surrogate pair is not a lone surrogate)', () => {
    expect(textProblem('𠮷野家', 'name')).toBeUndefined();
    expect(textProblem('O’Brien-李', 'name')).toBeUndefined();
  });

  it('keeps tab and new lines in free text, refuses other controls and lone surrogates', () => {
    expect(textProblem('第一行\r\n第二行\t完', 'free')).toBeUndefined();
    expect(textProblem('响铃\u0007', 'free')).toContain('control');
    expect(textProblem('\u001B[31m红', 'free')).toContain('control');
    expect(textProblem('a\uD83D', 'free')).toContain('surrogate');
  });

  it('neutralises bidi controls in free text by removing them, and folds CR LF', () => {
    expect(cleanText('楼上\u202E漏水\r\n第二行\r完\u2069', 'free')).toBe('楼上漏水\n第二行\n完');
  });

  it('normalises to NFC', () => {
    expect(cleanText('Rene\u0301', 'name')).toBe('Ren\u00e9');
    expect(cleanText('Cafe\u0301', 'free')).toBe('Caf\u00e9');
  });

  it('tells names and identifiers from free text by the field name', () => {
    for (const f of [
      'name',
      'fileName',
      'partyId',
      'mediator_ids',
      'orgUnitCode',
      'idNumber',
      'idempotencyKey',
      'subjectRef',
    ])
      expect([f, textKindOf(f)]).toEqual([f, 'name']);
    for (const f of ['description', 'note', 'reason', 'address', 'facts', 'location'])
      expect([f, textKindOf(f)]).toEqual([f, 'free']);
  });

  it('walks a request: every problem with its path, the rest cleaned in place', () => {
    const request = {
      description: 'a\u202Eb',
      parties: [{ name: '张三' }, { name: '李\u202E四', address: 'x\u0000' }],
      content: Buffer.from([0, 1, 2]),
      long: 'x'.repeat(11),
      skipped: 'y'.repeat(11),
    };
    const found = checkTextTree(request, protoPath, {
      maxLength: 10,
      skip: (k) => k === 'skipped',
    });
    expect(found.map((v) => v.field)).toEqual(['parties[1].name', 'parties[1].address', 'long']);
    expect(request.description).toBe('ab');
    expect(request.content).toEqual(Buffer.from([0, 1, 2]));
    expect(jsonPath(['parties', 1, 'idNumber'])).toBe('parties[1].idNumber');
    expect(protoPath(['parties', 1, 'idNumber'])).toBe('parties[1].id_number');
  });
});
