import { useContext, useState } from 'react';
import { api, tokenClaims } from '../api';
import { CodeLookup } from '../components/code-lookup';
import { DeskStaff } from '../components/desk-staff';
import { ProblemBanner } from '../components/problem-banner';
import { Link } from '../components/router';
import { useLoad } from '../components/use-load';
import { LangContext, useT, type Key } from '../i18n';
import { label } from '../labels';
import {
  ageText,
  handoverText,
  slaText,
  type ReferralDetail,
  type ReferralSummary,
} from './referral-view';

const FILTERS = ['PENDING', 'MINE', 'OVERDUE', 'ALL'] as const;
const TAB: Record<(typeof FILTERS)[number], Key> = {
  PENDING: 'pending',
  MINE: 'mine',
  OVERDUE: 'overdue',
  ALL: 'all',
};

/** An inbox row: the summary, with the handover's summary and deadlines from the referral. */
type Row = ReferralSummary & Partial<Pick<ReferralDetail, 'handover' | 'termDueAt'>>;

/**
 * The stationed lawyer's desk inbox (pending, mine, overdue, all): what each referral is, how
 * old, its deadline, a quick claim, and a link to the referral's page for the rest. A user
 * without a desk of their own (an administrator) names the desk to look at.
 */
export function InboxPage() {
  const t = useT();
  const { lang } = useContext(LangContext);
  const ownDesk = tokenClaims()?.desk_code ?? '';
  const [deskCode, setDeskCode] = useState(ownDesk);
  const [filter, setFilter] = useState<(typeof FILTERS)[number]>('PENDING');
  const inbox = useLoad(async () => {
    if (!deskCode) return null;
    const desk = ownDesk ? '' : `&deskCode=${encodeURIComponent(deskCode)}`;
    const { referrals } = await api<{ referrals: ReferralSummary[] }>(
      'GET',
      `/referrals/inbox?filter=${filter}${desk}`,
    );
    // The list carries no handover summary: each referral is read (a desk's inbox is short).
    return Promise.all(
      referrals.map((r) =>
        api<{ referral: ReferralDetail }>('GET', `/referrals/${encodeURIComponent(r.referralId)}`)
          .then(({ referral }): Row => ({
            ...r,
            handover: referral.handover,
            termDueAt: referral.termDueAt,
          }))
          .catch((): Row => r),
      ),
    );
  }, [filter, deskCode]);
  const [error, setError] = useState<unknown>(null);

  const claim = async (r: ReferralSummary) => {
    setError(null);
    try {
      await api('POST', `/referrals/${encodeURIComponent(r.referralId)}/claim`, {
        expectedVersion: r.version,
      });
      inbox.reload();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <div className="stack">
      <section className="card">
        <h2>
          {t('inbox')} {deskCode && <code>{deskCode}</code>}
        </h2>
        {!ownDesk && (
          <CodeLookup
            text="deskCode"
            name="deskCode"
            placeholder="CRT-210202-D01"
            onShow={setDeskCode}
          />
        )}
        <div className="tabs" role="tablist">
          {FILTERS.map((f) => (
            <button
              key={f}
              role="tab"
              aria-selected={f === filter}
              className={f === filter ? 'active' : 'secondary'}
              onClick={() => setFilter(f)}
            >
              {t(TAB[f])}
            </button>
          ))}
        </div>
        <ProblemBanner error={inbox.error ?? error} />
        {inbox.data && inbox.data.length === 0 && <p>{t('noData')}</p>}
        {inbox.data && inbox.data.length > 0 && (
          <table className="inbox">
            <thead>
              <tr>
                <th>{t('caseNumber')}</th>
                <th>{t('kind')}</th>
                <th>{t('category')}</th>
                <th>{t('summary')}</th>
                <th>{t('status')}</th>
                <th>{t('age')}</th>
                <th>{t('sla')}</th>
                <th>
                  <span className="visually-hidden">{t('rowActions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {inbox.data.map((r) => (
                <tr
                  key={r.referralId}
                  className={r.overdue ? 'overdue' : ''}
                  data-referral={r.referralId}
                  data-status={r.status}
                >
                  <td className="case-number">
                    <Link to={`/referrals/${encodeURIComponent(r.referralId)}`}>
                      {r.caseNumber || '—'}
                    </Link>
                  </td>
                  <td>{label(r.kind, lang)}</td>
                  <td>{label(r.category, lang)}</td>
                  <td className="summary">{handoverText(r.handover, lang).summary}</td>
                  <td>{label(r.status, lang)}</td>
                  <td>{ageText(r.createdAt, t)}</td>
                  <td className="sla">{slaText(r, t)}</td>
                  <td className="buttons">
                    {r.status === 'REFERRAL_STATUS_PENDING' && (
                      <button onClick={() => void claim(r)}>{t('claim')}</button>
                    )}
                    <Link to={`/referrals/${encodeURIComponent(r.referralId)}`}>{t('open')}</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {deskCode && <DeskStaff deskCode={deskCode} />}
    </div>
  );
}
