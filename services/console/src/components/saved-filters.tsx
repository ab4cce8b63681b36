import { useState } from 'react';
import { tokenClaims } from '../api';
import { useT } from '../i18n';
import { isContact, type CaseSearch } from './case-search';

/** A case list's filters, as the list page keeps them and the user saves them. */
export interface CaseFilters {
  status: string;
  category: string;
  channel: string;
  /** Calendar days in China Standard Time ("2026-03-05"), '' for open. */
  registeredFrom: string;
  registeredTo: string;
  overdue: boolean;
  mine: boolean;
  search: CaseSearch | null;
}

export const NO_FILTERS: CaseFilters = {
  status: '',
  category: '',
  channel: '',
  registeredFrom: '',
  registeredTo: '',
  overdue: false,
  mine: false,
  search: null,
};

interface Saved {
  name: string;
  filters: CaseFilters;
}

/** Per signed-in user on this device; a phone or ID number search is never stored. */
const storageKey = () => `mediation.caseFilters.${tokenClaims()?.sub ?? ''}`;

function readSaved(): Saved[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(storageKey()) ?? '[]');
    return Array.isArray(parsed) ? (parsed as Saved[]) : [];
  } catch {
    return [];
  }
}

const storable = (f: CaseFilters): CaseFilters =>
  f.search && isContact(f.search) ? { ...f, search: null } : f;

/**
 * The user's named filters for the case list: apply one, save the current filters under a name
 * (the same name replaces it), or delete the one applied.
 */
export function SavedFilters({
  filters,
  onApply,
}: {
  filters: CaseFilters;
  onApply: (filters: CaseFilters) => void;
}) {
  const t = useT();
  const [saved, setSaved] = useState<Saved[]>(readSaved);
  const [chosen, setChosen] = useState('');
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const store = (list: Saved[]) => {
    localStorage.setItem(storageKey(), JSON.stringify(list));
    setSaved(list);
  };
  return (
    <div className="saved-filters">
      <select
        name="savedFilter"
        aria-label={t('savedFilters')}
        value={chosen}
        onChange={(e) => {
          setChosen(e.target.value);
          const found = saved.find((s) => s.name === e.target.value);
          if (found) onApply({ ...NO_FILTERS, ...found.filters });
        }}
      >
        <option value="">{t('savedFilters')}</option>
        {saved.map((s) => (
          <option key={s.name} value={s.name}>
            {s.name}
          </option>
        ))}
      </select>
      {chosen && (
        <button
          type="button"
          className="secondary"
          onClick={() => {
            store(saved.filter((s) => s.name !== chosen));
            setChosen('');
          }}
        >
          {t('deleteFilter')}
        </button>
      )}
      {naming ? (
        <form
          className="inline"
          onSubmit={(e) => {
            e.preventDefault();
            const trimmed = name.trim();
            if (!trimmed) return;
            store([
              ...saved.filter((s) => s.name !== trimmed),
              { name: trimmed, filters: storable(filters) },
            ]);
            setChosen(trimmed);
            setNaming(false);
            setName('');
          }}
        >
          <input
            name="filterName"
            aria-label={t('filterName')}
            placeholder={t('filterName')}
            value={name}
            maxLength={40}
            onChange={(e) => setName(e.target.value)}
          />
          <button type="submit" disabled={!name.trim()}>
            {t('saveFilter')}
          </button>
        </form>
      ) : (
        <button type="button" className="secondary" onClick={() => setNaming(true)}>
          {t('saveFilter')}
        </button>
      )}
    </div>
  );
}
