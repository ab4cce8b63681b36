import { useT, type Lang } from '../i18n';
import { formatFen } from '../money';

// How the statistics' figures read: counts as they are, money in 元 (万元 when large), rates as
// percentages, days and scores with one decimal.

/** A rate given as a fraction (0..1) as a percentage: "66.7%". */
export const percentOf = (fraction: number | undefined) =>
  `${Math.round((fraction ?? 0) * 1000) / 10}%`;

/** A report cell by its column's unit (COLUMN_UNIT_*; percentages arrive as 0..100). */
export function reportCell(value: number, unit: string, lang: Lang): string {
  switch (unit) {
    case 'COLUMN_UNIT_FEN':
      return formatFen(value, lang);
    case 'COLUMN_UNIT_PERCENT':
      return `${Math.round(value * 10) / 10}%`;
    case 'COLUMN_UNIT_DAYS':
    case 'COLUMN_UNIT_SCORE':
      return String(Math.round(value * 10) / 10);
    default:
      return String(value);
  }
}

/** The report's column titles in English (the statistics service writes them in Chinese). */
const COLUMN_TITLES_EN: Record<string, string> = {
  opened: 'Disputes accepted',
  agreements: 'Agreements',
  agreements_written: 'Written agreements',
  agreements_oral: 'Oral agreements',
  failed: 'Failed',
  success_rate: 'Success rate',
  people_involved: 'People involved',
  mass_disputes: 'Mass disputes',
  amount_involved: 'Amount involved',
  agreement_amount: 'Agreement amount',
  mean_days: 'Mean days to agreement',
  judicial_confirmation_rate: 'Judicial confirmation rate',
  satisfaction: 'Satisfaction',
  prevented_criminal_cases: 'Prevented criminal escalation (cases)',
  prevented_criminal_persons: 'Prevented criminal escalation (persons)',
  prevented_petition_cases: 'Prevented mass petition (cases)',
  prevented_petition_persons: 'Prevented mass petition (persons)',
};

/** A column's title in the UI's language; money columns say 元, not 分. */
export function columnTitle(column: { key: string; title: string }, lang: Lang): string {
  if (lang === 'en') return COLUMN_TITLES_EN[column.key] ?? column.key.replace(/_/g, ' ');
  return column.title.replace('(分)', '(元)').replace('（分）', '（元）');
}

/** The report's table titles in English, by table id. */
const TABLE_TITLES_EN: Record<string, string> = {
  'by-category': 'Cases by category',
  'by-source': 'Cases by source',
  'by-org-unit': 'Work of the units below',
};

export const tableTitle = (table: { tableId: string; title: string }, lang: Lang) =>
  lang === 'en' ? (TABLE_TITLES_EN[table.tableId] ?? table.tableId) : table.title;

/** A button that saves one table as CSV. */
export function CsvButton({ onSave, name }: { onSave: () => void; name: string }) {
  const t = useT();
  return (
    <button type="button" className="secondary csv" data-csv={name} onClick={onSave}>
      {t('exportCsv')}
    </button>
  );
}
