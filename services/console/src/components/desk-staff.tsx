import { useContext } from 'react';
import { api } from '../api';
import { LangContext, useT } from '../i18n';
import { label } from '../labels';
import { ProblemBanner } from './problem-banner';
import { useLoad } from './use-load';

interface Desk {
  name: string;
  staff: { lawyerId: string; displayName: string; role: string; active: boolean }[];
}

/** Who staffs the lawyer's desk: colleagues to hand a referral to, and the supervisor. */
export function DeskStaff({ deskCode }: { deskCode: string }) {
  const t = useT();
  const { lang } = useContext(LangContext);
  const loaded = useLoad(
    () => api<{ desk: Desk | null }>('GET', `/desks/${encodeURIComponent(deskCode)}/staff`),
    [deskCode],
  );
  const desk = loaded.data?.desk;
  return (
    <section className="card desk-staff" aria-labelledby="desk-staff-title">
      <h2 id="desk-staff-title">
        {t('deskStaff')}
        {desk?.name && <span className="muted"> · {desk.name}</span>}
      </h2>
      <ProblemBanner error={loaded.error} />
      {desk && desk.staff.length === 0 && <div className="muted">{t('noData')}</div>}
      {desk && desk.staff.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>{t('name')}</th>
              <th>{t('role')}</th>
              <th>{t('status')}</th>
            </tr>
          </thead>
          <tbody>
            {desk.staff.map((s) => (
              <tr key={s.lawyerId} className={s.active ? '' : 'inactive'} data-lawyer={s.lawyerId}>
                <td>{s.displayName || s.lawyerId}</td>
                <td>{label(s.role, lang)}</td>
                <td>{t(s.active ? 'onDuty' : 'offDuty')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
