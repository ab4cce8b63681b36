import { useContext } from 'react';
import { Link } from '../components/router';
import { ProblemBanner } from '../components/problem-banner';
import { useLoad } from '../components/use-load';
import { LangContext, useT } from '../i18n';
import { label } from '../labels';
import { cstDay } from '../time';
import { partyApi, type PartyCase } from './party-session';

/** The cases that name the signed-in number as a party's, newest first. */
export function PartyCases() {
  const t = useT();
  const { lang } = useContext(LangContext);
  const { data, error, loading } = useLoad(
    () => partyApi<{ cases: PartyCase[] }>('GET', '/cases?pageSize=50'),
    [],
  );
  return (
    <section className="stack" aria-labelledby="party-cases">
      <h1 id="party-cases">{t('yourCases')}</h1>
      <Link to="/my/apply" className="button-link">
        {t('applyOnline')}
      </Link>
      <ProblemBanner error={error} />
      {loading && !data && <p>{t('loading')}</p>}
      {data && data.cases.length === 0 && <p className="card">{t('noPartyCases')}</p>}
      <ul className="party-cases">
        {data?.cases.map((c) => (
          <li key={c.caseId} className="card" data-case={c.caseNumber}>
            <Link to={`/my/cases/${encodeURIComponent(c.caseId)}`}>
              <strong>{c.caseNumber}</strong>
            </Link>
            <div>
              <span className="status" data-status={c.status}>
                {label(c.status, lang)}
              </span>{' '}
              · {label(c.category, lang)} · {cstDay(c.registeredAt)}
            </div>
            <p>{c.nextStep[lang]}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
