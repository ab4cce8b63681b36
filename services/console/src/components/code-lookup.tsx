import { useState } from 'react';
import { useT, type Key } from '../i18n';

/**
 * "Show the one with this code": a labelled box and its button, for pages that look at one
 * committee's roster or one desk's inbox among many. `onShow` gets the trimmed code.
 */
export function CodeLookup({
  text,
  name,
  initial = '',
  placeholder,
  onShow,
}: {
  text: Key;
  name: string;
  initial?: string;
  placeholder: string;
  onShow: (code: string) => void;
}) {
  const t = useT();
  const [code, setCode] = useState(initial);
  return (
    <form
      className="row code-lookup"
      onSubmit={(e) => {
        e.preventDefault();
        if (code.trim()) onShow(code.trim());
      }}
    >
      <label>
        {t(text)}
        <input
          name={name}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          placeholder={placeholder}
        />
      </label>
      <button type="submit" className="secondary">
        {t('show')}
      </button>
    </form>
  );
}
