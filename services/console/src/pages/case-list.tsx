import { useContext, useEffect, useRef, useState } from 'react';
import { api } from '../api';
import { searchOf } from '../components/case-search';
import { CaseTable, type CaseSummary } from '../components/case-table';
import { ProblemBanner } from '../components/problem-banner';
import { NO_FILTERS, SavedFilters, type CaseFilters } from '../components/saved-filters';
import { SearchBar, SearchingBy } from '../components/search-bar';
import { LiveBadge, useCaseChanges } from '../components/use-case-changes';
import { useLoad } from '../components/use-load';
import { LangContext, useT, type Key } from '../i18n';
import { label, valuesOf } from '../labels';

/** The list's enum filters: the field, its caption, the "any" option and the values. */
const ENUM_FILTERS: [
  field: 'status' | 'category' | 'channel',
  caption: Key,
  all: Key,
  values: string[],
][] = [
  ['status', 'status', 'allStatuses', valuesOf('CASE_STATUS_')],
  ['category', 'category', 'allCategories', valuesOf('DISPUTE_CATEGORY_')],
  ['channel', 'channel', 'allChannels', valuesOf('CHANNEL_')],
];
const DAY_MS = 86_400_000;
/** The start of a calendar day in China Standard Time. */
const cstDayStart = (day: string) => new Date(`${day}T00:00:00+08:00`);

/** The list's query: filters by name; a phone or ID number only ever as a search parameter. */
function casesQuery(f: CaseFilters, pageToken = ''): string {
  const q = new URLSearchParams({ pageSize: '50' });
  if (f.status) q.set('status', f.status);
  if (f.category) q.set('category', f.category);
  if (f.channel) q.set('channel', f.channel);
  // Whole days: from the first day's start up to (not including) the day after the last.
  if (f.registeredFrom) q.set('registeredFrom', cstDayStart(f.registeredFrom).toISOString());
  if (f.registeredTo)
    q.set('registeredTo', new Date(cstDayStart(f.registeredTo).getTime() + DAY_MS).toISOString());
  if (f.overdue) q.set('overdue', 'true');
  if (f.mine) q.set('mediator', 'me');
  if (f.search) q.set(f.search.kind, f.search.value);
  if (pageToken) q.set('pageToken', pageToken);
  return q.toString();
}

interface CasePage {
  cases: CaseSummary[];
  page: { nextPageToken: string } | null;
}

/**
 * The caller's cases (their org subtree), newest first, with where each one is now (intake's case
 * view): status, holder, lead mediator, next deadline, referral; filtered and searched.
 */
export function CaseListPage() {
  const t = useT();
  const { lang } = useContext(LangContext);
  const [filters, setFilters] = useState<CaseFilters>(NO_FILTERS);
  const [text, setText] = useState('');
  // Later pages, read on demand; the first page (re-read on every change) drops them.
  const [later, setLater] = useState<CasePage[]>([]);
  const [moreError, setMoreError] = useState<unknown>(null);
  const { data, error, loading, reload } = useLoad(async () => {
    const first = await api<CasePage>('GET', `/cases?${casesQuery(filters)}`);
    setLater([]);
    return first;
  }, [filters]);
  const last = later[later.length - 1] ?? data;
  const next = last?.page?.nextPageToken ?? '';
  const cases = [...(data?.cases ?? []), ...later.flatMap((p) => p.cases)];
  const readMore = () => {
    setMoreError(null);
    api<CasePage>('GET', `/cases?${casesQuery(filters, next)}`)
      .then((p) => setLater((pages) => [...pages, p]))
      .catch(setMoreError);
  };
  const set = (change: Partial<CaseFilters>) => setFilters({ ...filters, ...change });
  // Any change in the user's scope (a new case, a status change) re-reads the list, and once
  // more a moment later: intake's case view projects the change just after the stream relays it.
  const again = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(again.current), []);
  const changes = useCaseChanges(undefined, () => {
    reload();
    clearTimeout(again.current);
    again.current = setTimeout(reload, 2_000);
  });
  return (
    <section className="card case-list">
      <h2>
        {t('myCases')}
        <LiveBadge state={changes} />
      </h2>
      <SearchBar
        name="q"
        label={t('searchPlaceholder')}
        text={text}
        onText={setText}
        parse={searchOf}
        onSearch={(search) => set({ search })}
      >
        {ENUM_FILTERS.map(([field, caption, all, values]) => (
          <select
            key={field}
            name={field}
            aria-label={t(caption)}
            value={filters[field]}
            onChange={(e) => set({ [field]: e.target.value })}
          >
            <option value="">{t(all)}</option>
            {values.map((v) => (
              <option key={v} value={v}>
                {label(v, lang)}
              </option>
            ))}
          </select>
        ))}
        <label>
          {t('registeredFrom')}{' '}
          <input
            type="date"
            name="registeredFrom"
            value={filters.registeredFrom}
            max={filters.registeredTo || undefined}
            onChange={(e) => set({ registeredFrom: e.target.value })}
          />
        </label>
        <label>
          {t('registeredTo')}{' '}
          <input
            type="date"
            name="registeredTo"
            value={filters.registeredTo}
            min={filters.registeredFrom || undefined}
            onChange={(e) => set({ registeredTo: e.target.value })}
          />
        </label>
        <label>
          <input
            type="checkbox"
            name="overdue"
            checked={filters.overdue}
            onChange={(e) => set({ overdue: e.target.checked })}
          />{' '}
          {t('overdueOnly')}
        </label>
        <label>
          <input
            type="checkbox"
            name="mine"
            checked={filters.mine}
            onChange={(e) => set({ mine: e.target.checked })}
          />{' '}
          {t('mineOnly')}
        </label>
      </SearchBar>
      <SavedFilters
        filters={filters}
        onApply={(saved) => {
          setText(saved.search?.value ?? '');
          setFilters(saved);
        }}
      />
      {filters.search && (
        <SearchingBy search={filters.search}>
          <button
            type="button"
            className="secondary"
            onClick={() => {
              setText('');
              set({ search: null });
            }}
          >
            {t('clear')}
          </button>
        </SearchingBy>
      )}
      <ProblemBanner error={error} />
      {loading && !data && <p>{t('loading')}</p>}
      {data && cases.length === 0 && <p>{t('noData')}</p>}
      {cases.length > 0 && <CaseTable cases={cases} />}
      <ProblemBanner error={moreError} />
      {next && (
        <button type="button" className="secondary more" onClick={readMore}>
          {t('moreCases')}
        </button>
      )}
    </section>
  );
}
