import { useState } from 'react';
import { api } from '../api';
import { contactSearchOf, type CaseSearch } from '../components/case-search';
import { CaseTable, type CaseSummary } from '../components/case-table';
import { ProblemBanner } from '../components/problem-banner';
import { SearchBar, SearchingBy } from '../components/search-bar';
import { useLoad } from '../components/use-load';
import { useT } from '../i18n';

/**
 * 来电查询: a hotline operator types the caller's phone or ID number and sees the person's
 * earlier cases (status, holder) in one call. The number is sent only as a search parameter and
 * shown back masked; the input is cleared once it is sent.
 */
export function CallerLookupPage() {
  const t = useT();
  const [text, setText] = useState('');
  const [search, setSearch] = useState<CaseSearch | null>(null);
  const [invalid, setInvalid] = useState(false);
  const found = useLoad(async () => {
    if (!search) return null;
    const q = new URLSearchParams({ pageSize: '100', [search.kind]: search.value });
    return api<{ cases: CaseSummary[] }>('GET', `/cases?${q}`);
  }, [search]);
  const cases = found.data?.cases;
  return (
    <section className="card caller-lookup">
      <h2>{t('callerLookup')}</h2>
      <p className="muted">{t('callerLookupHint')}</p>
      <SearchBar
        name="contact"
        label={t('phoneOrId')}
        text={text}
        onText={setText}
        parse={contactSearchOf}
        onSearch={(s) => {
          setInvalid(!s);
          if (s) setSearch(s);
        }}
      />
      {invalid && <p className="field-error">{t('notPhoneOrId')}</p>}
      {search && <SearchingBy search={search} />}
      <ProblemBanner error={found.error} />
      {search && found.loading && <p>{t('loading')}</p>}
      {cases && (
        <>
          <p className="found" data-count={cases.length}>
            {t('casesFound').replace('{n}', String(cases.length))}
          </p>
          {cases.length > 0 && <CaseTable cases={cases} />}
        </>
      )}
    </section>
  );
}
