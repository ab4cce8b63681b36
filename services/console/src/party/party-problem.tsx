import { Problem } from '../api';
import { ProblemBanner } from '../components/problem-banner';
import { useT, type Key } from '../i18n';

/** What a party is told, in their language, for the answers its requests can get. */
const PROBLEM_WORDS: Record<number, Key> = {
  404: 'partyNoSuchCase',
  409: 'partyAlreadyDone',
  429: 'partyTooMany',
  503: 'partyTextDown',
};

/**
 * A problem of the party app in plain words: a refused code, too many tries, texts not going out,
 * fields to correct (each says what on the field itself). The services' own words (English, for
 * the staff and the logs) are not shown here; anything else falls back to the console's banner.
 */
export function PartyProblem({
  error,
  conflict,
}: {
  error: unknown;
  /** The words for a 409 where the form knows better (the page re-reads the case on one). */
  conflict?: Key;
}) {
  const t = useT();
  if (!error) return null;
  if (!(error instanceof Problem)) return <ProblemBanner error={error} />;
  const wrongCode = error.status === 400 && error.errors.some((e) => e.field === 'code');
  const wrongMobile = error.status === 400 && error.errors.some((e) => e.field === 'mobile');
  const key: Key | undefined = wrongCode
    ? 'partyWrongCode'
    : wrongMobile
      ? 'partyWrongMobile'
      : error.status === 400 && error.errors.length
        ? 'partyFixFields'
        : error.status === 409 && conflict
          ? conflict
          : PROBLEM_WORDS[error.status];
  if (!key) return <ProblemBanner error={error} />;
  return (
    <div className="problem" role="alert" data-status={error.status}>
      <strong>{t(key)}</strong>
    </div>
  );
}

/** A field error of the party app's forms in the party's words, where the field's kind says it. */
export function partyFieldWords(
  t: (key: Key) => string,
): (field: string, description: string) => string {
  return (field, description) =>
    field === 'code'
      ? t('partyWrongCode')
      : /phone$/i.test(field)
        ? t('partyBadPhone')
        : /idNumber$/.test(field)
          ? t('partyBadIdNumber')
          : /^content|^contentType|^fileName/.test(field)
            ? t('partyBadFile')
            : field === 'note'
              ? t('needNote')
              : field === 'reason'
                ? t('needReason')
                : field === 'score'
                  ? t('chooseScore')
                  : description;
}
