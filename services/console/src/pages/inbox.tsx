import { useContext, useState } from 'react';
import { api } from '../api';
import { ProblemBanner } from '../components/problem-banner';
import { useLoad } from '../components/use-load';
import { LangContext, useT } from '../i18n';
import { label } from '../labels';

interface ReferralSummary {
  referralId: string;
  kind: string;
  status: string;
  version: string;
  caseId: string;
  category: string;
  claimDueAt: string | null;
  overdue: boolean;
}

const FILTERS = ['PENDING', 'MINE', 'OVERDUE'] as const;

/** The stationed lawyer's desk inbox: pending, mine, overdue; claim and record the outcome. */
export function InboxPage() {
  const t = useT();
  const { lang } = useContext(LangContext);
  const [filter, setFilter] = useState<(typeof FILTERS)[number]>('PENDING');
  const inbox = useLoad(
    () => api<{ referrals: ReferralSummary[] }>('GET', `/referrals/inbox?filter=${filter}`),
    [filter],
  );
  const [error, setError] = useState<unknown>(null);

  const act = async (r: ReferralSummary, action: string, body: Record<string, unknown> = {}) => {
    setError(null);
    try {
      await api('POST', `/referrals/${encodeURIComponent(r.referralId)}/${action}`, {
        expectedVersion: r.version,
        ...body,
      });
      inbox.reload();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <section className="card">
      <h2>{t('inbox')}</h2>
      <div className="tabs" role="tablist">
        {FILTERS.map((f) => (
          <button
            key={f}
            role="tab"
            aria-selected={f === filter}
            className={f === filter ? 'active' : 'secondary'}
            onClick={() => setFilter(f)}
          >
            {t(f === 'PENDING' ? 'pending' : f === 'MINE' ? 'mine' : 'overdue')}
          </button>
        ))}
      </div>
      <ProblemBanner error={inbox.error ?? error} />
      {inbox.data && inbox.data.referrals.length === 0 && <p>{t('noData')}</p>}
      {inbox.data && inbox.data.referrals.length > 0 && (
        <table>
          <tbody>
            {inbox.data.referrals.map((r) => (
              <tr key={r.referralId} className={r.overdue ? 'overdue' : ''}>
                <td>{label(r.kind, lang)}</td>
                <td>{label(r.category, lang)}</td>
                <td>{label(r.status, lang)}</td>
                <td>{r.claimDueAt ? new Date(r.claimDueAt).toLocaleDateString() : ''}</td>
                <td className="buttons">
                  {r.status === 'REFERRAL_STATUS_PENDING' && (
                    <button onClick={() => void act(r, 'claim')}>{t('claim')}</button>
                  )}
                  {r.status === 'REFERRAL_STATUS_PENDING' && (
                    <button
                      className="secondary"
                      onClick={() =>
                        void act(r, 'decline', { reason: 'DECLINE_REASON_WRONG_DESK' })
                      }
                    >
                      {t('decline')}
                    </button>
                  )}
                  {r.status === 'REFERRAL_STATUS_CLAIMED' && (
                    <button
                      onClick={() =>
                        void act(r, 'outcome', {
                          outcome: 'REFERRAL_OUTCOME_RESOLVED_BY_MEDIATION',
                          decidedAt: new Date().toISOString(),
                        })
                      }
                    >
                      {t('outcome')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
