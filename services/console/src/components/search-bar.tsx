import type { FormEvent, ReactNode } from 'react';
import { useT } from '../i18n';
import { isContact, SEARCH_KIND_LABEL, shownSearch, type CaseSearch } from './case-search';

interface SearchBarProps {
  /** The input's name (what a page's tests find it by). */
  name: string;
  /** Its placeholder and accessible name. */
  label: string;
  text: string;
  onText: (text: string) => void;
  /** What the text means on this page; null when it means nothing here. */
  parse: (text: string) => CaseSearch | null;
  onSearch: (search: CaseSearch | null) => void;
  /** Filters after the search button. */
  children?: ReactNode;
}

/**
 * A page's search form: one box and its button. A phone or an ID number does not stay on the
 * screen: the box is cleared once it is sent (and it is shown back masked by SearchingBy).
 */
export function SearchBar({
  name,
  label,
  text,
  onText,
  parse,
  onSearch,
  children,
}: SearchBarProps) {
  const t = useT();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const search = parse(text);
    onSearch(search);
    if (search && isContact(search)) onText('');
  };
  return (
    <form className="search-bar" role="search" onSubmit={submit}>
      <input
        type="search"
        name={name}
        value={text}
        placeholder={label}
        aria-label={label}
        autoComplete="off"
        onChange={(e) => onText(e.target.value)}
      />
      <button type="submit">{t('search')}</button>
      {children}
    </form>
  );
}

/** What is being searched for, by which kind, shown back masked; `children` follow it. */
export function SearchingBy({ search, children }: { search: CaseSearch; children?: ReactNode }) {
  const t = useT();
  return (
    <p className="searching" data-kind={search.kind}>
      {t('searchingBy')} {t(SEARCH_KIND_LABEL[search.kind])}: <strong>{shownSearch(search)}</strong>
      {children && <> {children}</>}
    </p>
  );
}
