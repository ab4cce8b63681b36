import { useContext, useState } from 'react';
import { api } from '../api';
import { saveCsv } from '../csv';
import { LangContext, useT } from '../i18n';
import { label, roleLabel } from '../labels';
import { cstDay, when } from '../time';
import { CsvButton } from './figures';
import { TextAreaField } from './mediation-actions/form-helpers';
import { ProblemBanner } from './problem-banner';
import { isConflict, useFormSubmit } from './use-form-submit';
import { useLoad } from './use-load';

export interface Alert {
  alertId: string;
  orgUnit: { code: string } | null;
  orgUnitName: string;
  category: string;
  status: string;
  windowStart: string | null;
  observed: number;
  threshold: number;
  version: string;
  acknowledgement: {
    by: { subject: string; role: string; displayName: string } | null;
    at: string | null;
    note: string;
  } | null;
}

/**
 * The early-warning alerts of a unit's subtree, newest first: where, what, which day, how many
 * against the threshold, and whether someone has taken it on. An open alert is acknowledged
 * here with a note on what is being done.
 */
export function AlertList({ orgUnitCode }: { orgUnitCode: string }) {
  const t = useT();
  const { lang } = useContext(LangContext);
  const alerts = useLoad(
    () => api<{ alerts: Alert[] }>('GET', `/statistics/alerts?orgUnitCode=${orgUnitCode}`),
    [orgUnitCode],
  );
  const rows = alerts.data?.alerts ?? [];
  const byWhom = (a: Alert) =>
    a.acknowledgement?.by
      ? `${a.acknowledgement.by.displayName || a.acknowledgement.by.subject} (${roleLabel(a.acknowledgement.by.role, lang)})`
      : '';
  return (
    <section className="card" aria-labelledby="alerts-title">
      <h3 id="alerts-title">
        {t('alerts')}{' '}
        <CsvButton
          name="alerts"
          onSave={() =>
            saveCsv(`alerts-${orgUnitCode}.csv`, [
              [
                t('orgUnitName'),
                t('category'),
                t('alertDay'),
                t('observed'),
                t('threshold'),
                t('status'),
                t('acknowledgedBy'),
                t('acknowledgementNote'),
              ],
              ...rows.map((a) => [
                a.orgUnitName || (a.orgUnit?.code ?? ''),
                label(a.category, lang),
                cstDay(a.windowStart),
                a.observed,
                a.threshold.toFixed(1),
                label(a.status, lang),
                byWhom(a),
                a.acknowledgement?.note ?? '',
              ]),
            ])
          }
        />
      </h3>
      <ProblemBanner error={alerts.error} />
      {alerts.data && rows.length === 0 && <p>{t('noData')}</p>}
      <ul className="alerts">
        {rows.map((a) => (
          <li key={a.alertId} data-alert={a.alertId} data-status={a.status}>
            <div>
              <strong>{a.orgUnitName || a.orgUnit?.code}</strong> · {label(a.category, lang)} ·{' '}
              {cstDay(a.windowStart)} · {t('observed')} {a.observed} / {t('threshold')}{' '}
              {a.threshold.toFixed(1)} · <span className="badge">{label(a.status, lang)}</span>
            </div>
            {a.acknowledgement ? (
              <div className="muted">
                {byWhom(a)} · {when(a.acknowledgement.at, lang)}: {a.acknowledgement.note}
              </div>
            ) : (
              a.status === 'ALERT_STATUS_OPEN' && (
                <AcknowledgeForm alert={a} onDone={alerts.reload} />
              )
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The note and the button; a stale version re-reads the list, so a retry carries the new one. */
function AcknowledgeForm({ alert, onDone }: { alert: Alert; onDone: () => void }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const form = useFormSubmit({ onFailure: (e) => isConflict(e) && onDone() });
  if (!open)
    return (
      <button className="secondary" onClick={() => setOpen(true)}>
        {t('acknowledgeAlert')}
      </button>
    );
  return (
    <form
      className="alert-ack"
      onSubmit={(e) => {
        e.preventDefault();
        void form
          .submit(
            () =>
              api('POST', `/statistics/alerts/${alert.alertId}/acknowledgement`, {
                expectedVersion: alert.version,
                note,
              }),
            note.trim() ? {} : { note: t('acknowledgementNoteRequired') },
          )
          .then((ok) => ok && onDone());
      }}
    >
      <TextAreaField
        text="acknowledgementNote"
        name="note"
        rows={2}
        value={note}
        onChange={setNote}
        error={form.err('note')}
      />
      {form.banner}
      <button type="submit" disabled={form.busy}>
        {t('acknowledgeAlert')}
      </button>{' '}
      <button type="button" className="secondary" onClick={() => setOpen(false)}>
        {t('cancel')}
      </button>
    </form>
  );
}
