import { useState, type FormEvent } from 'react';
import { api } from '../api';
import {
  contactSearchOf,
  SEARCH_KIND_LABEL,
  shownSearch,
  type CaseSearch,
} from '../components/case-search';
import { CaseTable, type CaseSummary } from '../components/case-table';
import { ProblemBanner } from '../components/problem-banner';
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
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const s = contactSearchOf(text);
    setInvalid(!s);
    if (!s) return;
    setSearch(s);
    setText('');
  };
  const cases = found.data?.cases;
  return (
    <section className="card caller-lookup">
      <h2>{t('callerLookup')}</h2>
      <p className="muted">{t('callerLookupHint')}</p>
      <form className="search-bar" role="search" onSubmit={submit}>
        <input
          type="search"
          name="contact"
          value={text}
          placeholder={t('phoneOrId')}
          aria-label={t('phoneOrId')}
          autoComplete="off"
          onChange={(e) => setText(e.target.value)}
        />
        <button type="submit">{t('search')}</button>
      </form>
      {invalid && <p className="field-error">{t('notPhoneOrId')}</p>}
      {search && (
        <p className="searching" data-kind={search.kind}>
          {t('searchingBy')} {t(SEARCH_KIND_LABEL[search.kind])}:{' '}
          <strong>{shownSearch(search)}</strong>
        </p>
      )}
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
