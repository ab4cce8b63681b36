import { REDACTED, redactPii, redactText } from './redact';

describe('PII redaction', () => {
  it('replaces values under sensitive keys at any depth', () => {
    const out = redactPii({
      caseId: 'c-1',
      parties: [
        {
          name: '张三',
          idNumber: '110101199003074578',
          phone: '13812345678',
          address: '中山路1号',
        },
      ],
      headers: { authorization: 'Bearer abc' },
    });
    expect(out).toEqual({
      caseId: 'c-1',
      parties: [{ name: '张三', idNumber: REDACTED, phone: REDACTED, address: REDACTED }],
      headers: { authorization: REDACTED },
    });
  });

  it('masks ID numbers and phone numbers inside free text', () => {
    expect(redactText('id 11010119900307457X called from +86 13812345678 or 0411-82345678')).toBe(
      `id ${REDACTED} called from ${REDACTED} or ${REDACTED}`,
    );
  });

  it('leaves ordinary numbers alone', () => {
    expect(redactText('case 2026-00042 amount 1500000 fen, org 210202001001')).toBe(
      'case 2026-00042 amount 1500000 fen, org 210202001001',
    );
  });
});
