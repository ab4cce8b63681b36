import type { Lang } from './i18n';

/** Every date and time the console shows is China Standard Time, whatever the device's zone. */
const ZONE = 'Asia/Shanghai';

/** A moment as its reader expects it ("2026/3/5 16:00:00" or "05/03/2026, 16:00:00"); '—' for none. */
export const when = (iso: string | null | undefined, lang: Lang | string): string =>
  iso ? new Date(iso).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { timeZone: ZONE }) : '—';

/** The calendar day of a moment in China Standard Time ("2026-03-05"); '—' for none. */
export const cstDay = (iso: string | null | undefined): string =>
  iso ? new Date(iso).toLocaleDateString('sv-SE', { timeZone: ZONE }) : '—';
