import { useContext, useState } from 'react';
import { api, tokenClaims } from '../api';
import { committeeText, type CommitteeRef } from '../components/case-table';
import { DUE_SOON_DAYS, groupOf, shownStatus, type DeadlineGroup } from '../deadline-groups';
import { ProblemBanner } from '../components/problem-banner';
import { Link } from '../components/router';
import { LiveBadge, useCaseChanges } from '../components/use-case-changes';
import { useLoad } from '../components/use-load';
import { LangContext, useT, type Key } from '../i18n';
import { label } from '../labels';
import { when } from '../time';

interface Deadline {
  deadlineId: string;
  mediationId: string;
  caseId: string;
  caseNumber: string;
  kind: string;
  status: string;
  dueAt: string | null;
  committee: CommitteeRef | null;
}
interface WorkloadRow {
  mediatorId: string;
  mediatorDisplayName: string;
  committee: CommitteeRef | null;
  openCount: number;
  dueSoonCount: number;
  overdueCount: number;
}

const OPEN_STATUSES = 'DEADLINE_STATUS_PENDING,DEADLINE_STATUS_WARNED,DEADLINE_STATUS_BREACHED';

/**
 * The combined deadline view for committee staff (MediationService.ListDeadlines and
 * ListWorkload): overdue, due within a week, later; and the workload per mediator, whose rows
 * narrow the deadlines to that mediator. Each deadline links to its case; the page follows the
 * live case changes, so a deadline warning or breach shows up without a reload.
 */
export function DeadlinesPage() {
  const t = useT();
  const { lang } = useContext(LangContext);
  const orgUnitCode = tokenClaims()?.org_unit_code;
  const scope = orgUnitCode ? `orgUnitCode=${orgUnitCode}&` : '';
  const [mediator, setMediator] = useState<WorkloadRow | null>(null);
  const mediatorQ = mediator ? `mediatorId=${encodeURIComponent(mediator.mediatorId)}&` : '';

  const deadlines = useLoad(
    () =>
      api<{ deadlines: Deadline[] }>(
        'GET',
        `/mediations/deadlines?${scope}${mediatorQ}status=${OPEN_STATUSES}&pageSize=500`,
      ),
    [scope, mediatorQ],
  );
  const workload = useLoad(
    () =>
      api<{ rows: WorkloadRow[] }>(
        'GET',
        `/mediations/workload?${scope}dueSoonDays=${DUE_SOON_DAYS}&pageSize=500`,
      ),
    [scope],
  );
  const changes = useCaseChanges(undefined, () => {
    deadlines.reload();
    workload.reload();
  });

  const now = Date.now();
  const groups: Record<DeadlineGroup, Deadline[]> = { overdue: [], dueSoon: [], later: [] };
  for (const d of deadlines.data?.deadlines ?? []) groups[groupOf(d, now)].push(d);
  const mediatorName = (r: WorkloadRow) =>
    r.mediatorId ? r.mediatorDisplayName || r.mediatorId : t('unassigned');

  const table = (group: DeadlineGroup, title: Key) => (
    <section className="card" data-group={group}>
      <h3>
        {t(title)} <span className="badge">{groups[group].length}</span>
      </h3>
      {groups[group].length === 0 ? (
        <p className="muted">{t('noData')}</p>
      ) : (
        <table className="deadlines">
          <thead>
            <tr>
              <th>{t('caseNumber')}</th>
              <th>{t('deadlineKind')}</th>
              <th>{t('dueAt')}</th>
              <th>{t('status')}</th>
              <th>{t('committee')}</th>
            </tr>
          </thead>
          <tbody>
            {groups[group].map((d) => (
              <tr
                key={d.deadlineId}
                className={group === 'overdue' ? 'overdue' : ''}
                data-case={d.caseId}
              >
                <td>
                  <Link to={`/cases/${encodeURIComponent(d.caseId)}`}>
                    {d.caseNumber || d.caseId}
                  </Link>
                </td>
                <td>{label(d.kind, lang)}</td>
                <td>{when(d.dueAt, lang)}</td>
                <td>{label(shownStatus(d, now), lang)}</td>
                <td data-committee={d.committee?.code}>{committeeText(d.committee, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );

  return (
    <div className="stack">
      <section className="card">
        <h2>
          {t('deadlines')}
          {mediator && <span className="badge">{mediatorName(mediator)}</span>}
          <LiveBadge state={changes} />
        </h2>
        <ProblemBanner error={deadlines.error} />
        {deadlines.loading && !deadlines.data && <p>{t('loading')}</p>}
      </section>
      {deadlines.data && (
        <>
          {table('overdue', 'overdue')}
          {table('dueSoon', 'dueSoon')}
          {table('later', 'laterDeadlines')}
        </>
      )}
      <section className="card">
        <h3>{t('perMediator')}</h3>
        <ProblemBanner error={workload.error} />
        {workload.data && workload.data.rows.length === 0 && <p>{t('noData')}</p>}
        {workload.data && workload.data.rows.length > 0 && (
          <table className="workload">
            <thead>
              <tr>
                <th>{t('mediator')}</th>
                <th>{t('committee')}</th>
                <th>{t('backlog')}</th>
                <th>{t('dueSoon')}</th>
                <th>{t('overdue')}</th>
              </tr>
            </thead>
            <tbody>
              {workload.data.rows.map((r) => {
                const selected =
                  mediator?.mediatorId === r.mediatorId &&
                  mediator?.committee?.code === r.committee?.code;
                return (
                  <tr
                    key={`${r.committee?.code}|${r.mediatorId}`}
                    className={r.overdueCount > 0 ? 'overdue' : ''}
                  >
                    <td>
                      {r.mediatorId ? (
                        <button
                          className={selected ? '' : 'secondary'}
                          aria-pressed={selected}
                          data-mediator={r.mediatorId}
                          onClick={() => setMediator(selected ? null : r)}
                        >
                          {mediatorName(r)}
                        </button>
                      ) : (
                        mediatorName(r)
                      )}
                    </td>
                    <td data-committee={r.committee?.code}>{committeeText(r.committee, lang)}</td>
                    <td>{r.openCount}</td>
                    <td>{r.dueSoonCount}</td>
                    <td>{r.overdueCount}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
        {mediator && (
          <button className="secondary" onClick={() => setMediator(null)}>
            {t('allMediators')}
          </button>
        )}
      </section>
    </div>
  );
}
