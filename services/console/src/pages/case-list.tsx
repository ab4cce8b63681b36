import { useContext, useEffect, useRef, useState } from 'react';
import { api } from '../api';
import { searchOf, type CaseSearch } from '../components/case-search';
import { CaseTable, type CaseSummary } from '../components/case-table';
import { ProblemBanner } from '../components/problem-banner';
import { SearchBar, SearchingBy } from '../components/search-bar';
import { LiveBadge, useCaseChanges } from '../components/use-case-changes';
import { useLoad } from '../components/use-load';
import { LangContext, useT } from '../i18n';
import { label, valuesOf } from '../labels';

const STATUSES = valuesOf('CASE_STATUS_');

interface Filters {
  status: string;
  overdue: boolean;
  mine: boolean;
  search: CaseSearch | null;
}

/** The list's query: filters by name; a phone or ID number only ever as a search parameter. */
function casesQuery(f: Filters): string {
  const q = new URLSearchParams({ pageSize: '50' });
  if (f.status) q.set('status', f.status);
  if (f.overdue) q.set('overdue', 'true');
  if (f.mine) q.set('mediator', 'me');
  if (f.search) q.set(f.search.kind, f.search.value);
  return q.toString();
}

/**
 * The caller's cases (their org subtree), newest first, with where each one is now (intake's case
 * view): status, holder, lead mediator, next deadline, referral; filtered and searched.
 */
export function CaseListPage() {
  const t = useT();
  const { lang } = useContext(LangContext);
  const [filters, setFilters] = useState<Filters>({
    status: '',
    overdue: false,
    mine: false,
    search: null,
  });
  const [text, setText] = useState('');
  const { data, error, loading, reload } = useLoad(
    () => api<{ cases: CaseSummary[] }>('GET', `/cases?${casesQuery(filters)}`),
    [filters],
  );
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
        onSearch={(search) => setFilters({ ...filters, search })}
      >
        <select
          name="status"
          aria-label={t('status')}
          value={filters.status}
          onChange={(e) => setFilters({ ...filters, status: e.target.value })}
        >
          <option value="">{t('allStatuses')}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {label(s, lang)}
            </option>
          ))}
        </select>
        <label>
          <input
            type="checkbox"
            name="overdue"
            checked={filters.overdue}
            onChange={(e) => setFilters({ ...filters, overdue: e.target.checked })}
          />{' '}
          {t('overdueOnly')}
        </label>
        <label>
          <input
            type="checkbox"
            name="mine"
            checked={filters.mine}
            onChange={(e) => setFilters({ ...filters, mine: e.target.checked })}
          />{' '}
          {t('mineOnly')}
        </label>
      </SearchBar>
      {filters.search && (
        <SearchingBy search={filters.search}>
          <button
            type="button"
            className="secondary"
            onClick={() => {
              setText('');
              setFilters({ ...filters, search: null });
            }}
          >
            {t('clear')}
          </button>
        </SearchingBy>
      )}
      <ProblemBanner error={error} />
      {loading && !data && <p>{t('loading')}</p>}
      {data && data.cases.length === 0 && <p>{t('noData')}</p>}
      {data && data.cases.length > 0 && <CaseTable cases={data.cases} />}
    </section>
  );
}
