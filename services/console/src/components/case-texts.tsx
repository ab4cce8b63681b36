import { useContext, useState } from 'react';
import { api, Problem } from '../api';
import { LangContext, useT } from '../i18n';
import { hasLabel, label } from '../labels';
import { when } from '../time';
import type { PartyView } from './party-list';
import { ProblemBanner } from './problem-banner';
import { useFormSubmit } from './use-form-submit';
import { useLoad } from './use-load';

interface Delivery {
  deliveryId: string;
  partyId: string;
  notice: string;
  phoneMasked: string;
  status: string;
  detail: string;
  attempts: number;
  plannedAt: string | null;
  dueAt: string | null;
  finishedAt: string | null;
}

interface Preferences {
  partyId: string;
  remindersOff: boolean;
  language: string;
}

/**
 * 短信通知: what the parties were texted about the case (the notification service's log: the
 * notice, to whom, masked number, how it went) and each party's wish for reminders, which the
 * mediator records when a party asks. Texts are never shown, only which notice it was.
 */
export function CaseTexts({ caseId, parties }: { caseId: string; parties: PartyView[] }) {
  const t = useT();
  const { lang } = useContext(LangContext);
  const id = encodeURIComponent(caseId);
  const log = useLoad(
    () =>
      api<{ deliveries: Delivery[]; preferences: Preferences[] }>(
        'GET',
        `/cases/${id}/notifications`,
      ),
    [caseId],
  );
  const form = useFormSubmit();
  const nameOf = (partyId: string) => {
    if (!partyId) return t('allParties'); // a notice waiting for its time, to every party
    const p = parties.find((x) => x.partyId === partyId);
    return p ? `${label(p.role, lang)} ${p.name}` : '—';
  };
  const wishOf = (partyId: string) => log.data?.preferences.find((p) => p.partyId === partyId);
  // The box shows the choice at once; a refusal puts it back.
  const [chosen, setChosen] = useState<Record<string, boolean>>({});
  const remindersOff = (partyId: string) =>
    chosen[partyId] ?? wishOf(partyId)?.remindersOff ?? false;
  const setReminders = async (partyId: string, off: boolean) => {
    setChosen((c) => ({ ...c, [partyId]: off }));
    const done = await form.submit(() =>
      api('PUT', `/cases/${id}/parties/${encodeURIComponent(partyId)}/notification-preferences`, {
        remindersOff: off,
        language: wishOf(partyId)?.language ?? 'NOTICE_LANGUAGE_ZH',
      }),
    );
    if (done) log.reload();
    else
      setChosen((c) => {
        const { [partyId]: _, ...rest } = c;
        return rest;
      });
  };
  // The service may be down while the rest of the case is not: a quiet line, not an alarm.
  const unavailable = log.error instanceof Problem && log.error.status === 503;
  const deliveries = log.data?.deliveries ?? [];
  return (
    <section className="card case-texts" aria-labelledby="texts-title">
      <h2 id="texts-title">{t('texts')}</h2>
      {unavailable ? (
        <p className="muted" data-texts-unavailable>
          {t('textsUnavailable')}
        </p>
      ) : (
        <ProblemBanner error={log.error} />
      )}
      {log.data && (
        <>
          <p className="muted">{t('remindersNote')}</p>
          <ul className="reminder-wishes">
            {parties.map((p) => (
              <li key={p.partyId}>
                <label className="inline check">
                  <input
                    type="checkbox"
                    data-reminders-off={p.partyId}
                    checked={remindersOff(p.partyId)}
                    disabled={form.busy}
                    onChange={(e) => void setReminders(p.partyId, e.target.checked)}
                  />
                  {nameOf(p.partyId)}: {t('remindersOff')}
                </label>
              </li>
            ))}
          </ul>
          <ProblemBanner error={form.problem} />
          {deliveries.length === 0 ? (
            <p data-no-texts>{t('noTexts')}</p>
          ) : (
            <table className="texts">
              <thead>
                <tr>
                  <th>{t('textTime')}</th>
                  <th>{t('textNotice')}</th>
                  <th>{t('textTo')}</th>
                  <th>{t('textStatus')}</th>
                </tr>
              </thead>
              <tbody>
                {deliveries.map((d) => (
                  <tr key={d.deliveryId} data-delivery={d.notice} data-status={d.status}>
                    <td>{when(d.finishedAt ?? d.plannedAt, lang)}</td>
                    <td>{label(`notice:${d.notice}`, lang)}</td>
                    <td>
                      {nameOf(d.partyId)} {d.phoneMasked}
                    </td>
                    <td title={d.detail || undefined}>
                      {label(d.status, lang)}
                      {d.status === 'DELIVERY_STATUS_PENDING' &&
                        d.dueAt &&
                        ` · ${t('textDue')} ${when(d.dueAt, lang)}`}
                      {hasLabel(`detail:${d.detail}`) &&
                        (lang === 'zh'
                          ? `（${label(`detail:${d.detail}`, lang)}）`
                          : ` (${label(`detail:${d.detail}`, lang)})`)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
