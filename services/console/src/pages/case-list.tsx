import { useContext } from 'react';
import { api } from '../api';
import { ProblemBanner } from '../components/problem-banner';
import { LiveBadge, useCaseChanges } from '../components/use-case-changes';
import { Link } from '../components/router';
import { useLoad } from '../components/use-load';
import { LangContext, useT } from '../i18n';
import { caseStatusShown, label } from '../labels';

interface CaseSummary {
  caseId: string;
  caseNumber: string;
  status: string;
  category: string;
  channel: string;
  registeredAt: string | null;
  orgUnit: { code: string } | null;
}

/** The caller's cases (their org subtree), newest first. */
export function CaseListPage() {
  const t = useT();
  const { lang } = useContext(LangContext);
  const { data, error, loading, reload } = useLoad(async () => {
    const [list, mediations] = await Promise.all([
      api<{ cases: CaseSummary[] }>('GET', '/cases?pageSize=50'),
      // Where each case really is; without it (out of reach) the case's own status shows.
      api<{ mediations: { caseId: string; status: string }[] }>(
        'GET',
        '/mediations?pageSize=100',
      ).catch(() => ({ mediations: [] })),
    ]);
    const statusOf = new Map(mediations.mediations.map((m) => [m.caseId, m.status]));
    return {
      cases: list.cases.map((c) => ({
        ...c,
        status: caseStatusShown(c.status, statusOf.get(c.caseId)),
      })),
    };
  }, []);
  // Any change in the user's scope (a new case, a status change) re-reads the list.
  const changes = useCaseChanges(undefined, reload);
  return (
    <section className="card">
      <h2>
        {t('myCases')}
        <LiveBadge state={changes} />
      </h2>
      <ProblemBanner error={error} />
      {loading && !data && <p>{t('loading')}</p>}
      {data && data.cases.length === 0 && <p>{t('noData')}</p>}
      {data && data.cases.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>{t('caseNumber')}</th>
              <th>{t('category')}</th>
              <th>{t('channel')}</th>
              <th>{t('status')}</th>
              <th>{t('registeredAt')}</th>
            </tr>
          </thead>
          <tbody>
            {data.cases.map((c) => (
              <tr key={c.caseId}>
                <td>
                  <Link to={`/cases/${c.caseId}`}>{c.caseNumber || c.caseId}</Link>
                </td>
                <td>{label(c.category, lang)}</td>
                <td>{label(c.channel, lang)}</td>
                <td>{label(c.status, lang)}</td>
                <td>
                  {c.registeredAt
                    ? new Date(c.registeredAt).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB')
                    : '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
