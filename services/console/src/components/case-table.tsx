import { useContext } from 'react';
import { LangContext, useT } from '../i18n';
import { label } from '../labels';
import { Link } from './router';
import { when } from '../time';

export interface CommitteeRef {
  code: string;
  level: string;
  /** From the org directory (the gateway adds it). */
  name?: string;
}

export interface CaseProgress {
  holder: CommitteeRef | null;
  path: CommitteeRef[];
  leadMediator: { mediatorId: string; displayName: string } | null;
  otherMediators: { mediatorId: string; displayName: string }[];
  nextDeadlineAt: string | null;
  nextDeadlineKind: string;
  overdue: boolean;
  referral: {
    referralId: string;
    inbound: boolean;
    stage: string;
    desk: { code: string; name?: string } | null;
    institution: { code: string; type: string; name?: string } | null;
    lawyerId: string;
  } | null;
  lastActivityAt: string | null;
  lastActivity: string;
}

/** A case in lists (CaseSummary): `status` is the case's status over its whole life. */
export interface CaseSummary {
  caseId: string;
  caseNumber: string;
  status: string;
  category: string;
  channel: string;
  registeredAt: string | null;
  committee: CommitteeRef | null;
  progress: CaseProgress | null;
}

/** Who holds the case now: the case view's holder, else the committee it was registered with. */
export const holderOf = (c: Pick<CaseSummary, 'committee' | 'progress'>) =>
  c.progress?.holder ?? c.committee;

/** A handler's name and level; a desk (no level) by its name alone. */
export function committeeText(ref: CommitteeRef | null | undefined, lang: 'zh' | 'en') {
  if (!ref) return '—';
  const level = label(ref.level, lang);
  return level === '—' ? (ref.name ?? ref.code) : `${ref.name ?? ref.code} (${level})`;
}

/** The committees a case passed through, in order (the case page and the referral's). */
export function CasePath({ path }: { path: CommitteeRef[] }) {
  const { lang } = useContext(LangContext);
  return (
    <ol className="case-path">
      {path.map((step, i) => (
        <li key={`${step.code}-${i}`}>{committeeText(step, lang)}</li>
      ))}
    </ol>
  );
}

/** The next deadline, red once it has passed. */
export function DeadlineCell({ progress }: { progress: CaseProgress | null }) {
  const { lang } = useContext(LangContext);
  const t = useT();
  if (!progress?.nextDeadlineAt) return <>—</>;
  return (
    <span className={progress.overdue ? 'overdue' : undefined} data-overdue={progress.overdue}>
      {label(progress.nextDeadlineKind, lang)} · {when(progress.nextDeadlineAt, lang)}
      {progress.overdue ? ` · ${t('overdue')}` : ''}
    </span>
  );
}

/** Cases with where each one is now: status, holder, lead mediator, next deadline, referral. */
export function CaseTable({ cases }: { cases: CaseSummary[] }) {
  const t = useT();
  const { lang } = useContext(LangContext);
  return (
    <div className="table-scroll">
      <table className="cases">
        <thead>
          <tr>
            <th>{t('caseNumber')}</th>
            <th>{t('category')}</th>
            <th>{t('status')}</th>
            <th>{t('holder')}</th>
            <th>{t('leadMediator')}</th>
            <th>{t('nextDeadline')}</th>
            <th>{t('referralStage')}</th>
            <th>{t('registeredAt')}</th>
          </tr>
        </thead>
        <tbody>
          {cases.map((c) => (
            // data-label: each cell's heading, shown beside it where a phone stacks the row.
            <tr key={c.caseId} data-case-id={c.caseId} data-status={c.status}>
              <td data-label={t('caseNumber')}>
                <Link to={`/cases/${c.caseId}`}>{c.caseNumber || c.caseId}</Link>
              </td>
              <td data-label={t('category')}>{label(c.category, lang)}</td>
              <td data-label={t('status')} className="case-status">
                {label(c.status, lang)}
              </td>
              <td data-label={t('holder')} className="holder">
                {committeeText(holderOf(c), lang)}
              </td>
              <td data-label={t('leadMediator')}>{c.progress?.leadMediator?.displayName || '—'}</td>
              <td data-label={t('nextDeadline')}>
                <DeadlineCell progress={c.progress} />
              </td>
              <td data-label={t('referralStage')}>
                {c.progress?.referral ? label(c.progress.referral.stage, lang) : '—'}
              </td>
              <td data-label={t('registeredAt')}>{when(c.registeredAt, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
