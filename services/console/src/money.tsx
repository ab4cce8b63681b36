import type { Lang } from './i18n';

// The API counts money in fen (分, int64 as a decimal string); people read and type 元.

/** Fen (a decimal string) of an amount in 元 as typed ("1200", "99.5"); null if it is not one. */
export function yuanToFen(yuan: string): string | null {
  const m = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(yuan.trim().replace(/,/g, ''));
  if (!m) return null;
  return String(BigInt(m[1]) * 100n + BigInt((m[2] ?? '').padEnd(2, '0')));
}

/** The API's Money for an amount in 元, or undefined when nothing (or not a number) was typed. */
export const money = (yuan: string) => {
  const amountFen = yuanToFen(yuan);
  return amountFen === null ? undefined : { currencyCode: 'CNY', amountFen };
};

/** 元 with two decimals (digits grouped) of an amount in fen. */
export function yuanOf(fen: string | number | bigint): string {
  const f = BigInt(typeof fen === 'number' ? Math.round(fen) : fen);
  const sign = f < 0n ? '-' : '';
  const abs = f < 0n ? -f : f;
  const whole = (abs / 100n).toLocaleString('en-US');
  return `${sign}${whole}.${String(abs % 100n).padStart(2, '0')}`;
}

/**
 * An amount in fen as people say it: "1,234.50 元", or "12.35 万元" from ten thousand 元 up (in
 * English "¥1,234.50", whole yuan from ten thousand up).
 */
export function formatFen(fen: string | number | null | undefined, lang: Lang): string {
  if (fen === null || fen === undefined || fen === '') return '—';
  const f = typeof fen === 'number' ? fen : Number(fen);
  if (Math.abs(f) >= 1_000_000) {
    const wan = (f / 1_000_000).toLocaleString('en-US', { maximumFractionDigits: 2 });
    const yuan = Math.round(f / 100).toLocaleString('en-US');
    return lang === 'zh' ? `${wan} 万元` : `¥${yuan}`;
  }
  return lang === 'zh' ? `${yuanOf(fen)} 元` : `¥${yuanOf(fen)}`;
}
