import { useContext, useState } from 'react';
import { api, tokenClaims } from '../api';
import {
  ActionForm,
  InputField,
  SelectField,
  Submit,
  TimeField,
  iso,
  labelled,
  localInput,
} from '../components/mediation-actions/form-helpers';
import { ProblemBanner } from '../components/problem-banner';
import { Link } from '../components/router';
import { isConflict, useFormSubmit } from '../components/use-form-submit';
import { useLoad } from '../components/use-load';
import { LangContext, useT } from '../i18n';
import { label, valuesOf } from '../labels';
import { ReferralCase } from './referral-case';
import { ageText, handoverText, slaText, type ReferralDetail } from './referral-view';
import { when } from '../time';

const DECLINE_REASONS = valuesOf('DECLINE_REASON_');
const WORK_KINDS = valuesOf('WORK_KIND_');
const OUTCOMES = valuesOf('REFERRAL_OUTCOME_');
const RETURN_REASONS = valuesOf('RETURN_REASON_');

/**
 * One referral at the stationed lawyer's desk: what was handed over, its history and the work
 * done, and what its status allows: claim or decline while pending; once claimed by this lawyer,
 * record work, record the outcome, decline or return it.
 */
export function ReferralPage({ referralId }: { referralId: string }) {
  const t = useT();
  const { lang } = useContext(LangContext);
  const loaded = useLoad(
    () => api<{ referral: ReferralDetail }>('GET', `/referrals/${encodeURIComponent(referralId)}`),
    [referralId],
  );
  const [declineReason, setDeclineReason] = useState(DECLINE_REASONS[0]);
  const [reroute, setReroute] = useState('');
  const [declineNote, setDeclineNote] = useState('');
  const [workKind, setWorkKind] = useState(WORK_KINDS[0]);
  const [performedAt, setPerformedAt] = useState(() => localInput(new Date()));
  const [duration, setDuration] = useState('30');
  const [workSummary, setWorkSummary] = useState('');
  const [outcome, setOutcome] = useState(OUTCOMES[0]);
  const [outcomeNote, setOutcomeNote] = useState('');
  const [externalRef, setExternalRef] = useState('');
  const [returnReason, setReturnReason] = useState(RETURN_REASONS[0]);
  const [returnNote, setReturnNote] = useState('');
  const r = loaded.data?.referral;

  // A stale version: re-read, so a retry carries the new one.
  const command = useFormSubmit({ onFailure: (e) => isConflict(e) && loaded.reload() });
  const { busy } = command;
  const run = async (action: string, body: Record<string, unknown>) => {
    if (!r) return false;
    return command.submit(async () => {
      await api('POST', `/referrals/${encodeURIComponent(r.referralId)}/${action}`, {
        expectedVersion: r.version,
        ...body,
      });
      loaded.reload();
    });
  };

  const pending = r?.status === 'REFERRAL_STATUS_PENDING';
  const claimedByMe = !!r?.claimedBy && r.claimedBy === tokenClaims()?.sub;
  const mine = r?.status === 'REFERRAL_STATUS_CLAIMED' && claimedByMe;
  return (
    <div className="stack">
      <section className="card referral" data-status={r?.status}>
        <h2>
          {t('referral')} {r && <span className="badge">{label(r.status, lang)}</span>}
        </h2>
        <p>
          <Link to="/inbox">{t('backToInbox')}</Link>
          {r?.caseId && (
            <>
              {' · '}
              <Link to={`/cases/${r.caseId}`}>{t('caseAtDesk')}</Link>
            </>
          )}
        </p>
        <ProblemBanner error={loaded.error} />
        {r && (
          <dl className="facts">
            <dt>{t('caseNumber')}</dt>
            <dd>{r.caseNumber || '—'}</dd>
            <dt>{t('kind')}</dt>
            <dd>{label(r.kind, lang)}</dd>
            <dt>{t('category')}</dt>
            <dd>{label(r.category, lang)}</dd>
            <dt>{t('institution')}</dt>
            <dd>
              {r.institution?.name ?? label(r.institution?.type, lang)} ·{' '}
              {r.desk?.name ?? r.desk?.code}
            </dd>
            <dt>{t('remedy')}</dt>
            <dd>{label(r.remedy, lang)}</dd>
            <dt>{t('age')}</dt>
            <dd>
              {when(r.createdAt, lang)} ({ageText(r.createdAt, t)})
            </dd>
            <dt>{t('sla')}</dt>
            <dd className="sla">{slaText(r, t)}</dd>
            <dt>{t('summary')}</dt>
            <dd className="summary">{handoverText(r.handover, lang).summary}</dd>
            <dt>{t('whatWasTried')}</dt>
            <dd>{handoverText(r.handover, lang).whatWasTried}</dd>
            {r.outcome && !r.outcome.endsWith('UNSPECIFIED') && (
              <>
                <dt>{t('referralOutcome')}</dt>
                <dd data-outcome={r.outcome}>
                  {label(r.outcome, lang)} {r.externalReference} {r.outcomeNote}
                </dd>
              </>
            )}
          </dl>
        )}
      </section>
      {r?.caseId && claimedByMe && <ReferralCase caseId={r.caseId} />}
      {r && (
        <section className="card">
          <h2>{t('history')}</h2>
          <ol className="timeline">
            {r.history.map((h) => (
              <li key={h.sequence}>
                <time>{when(h.occurredAt, lang)}</time>
                <strong>{h.summaryText?.[lang] || h.summary}</strong>
              </li>
            ))}
          </ol>
          {r.work.length > 0 && (
            <>
              <h3>{t('workDone')}</h3>
              <ul className="work">
                {r.work.map((w) => (
                  <li key={w.workId} data-work={w.kind}>
                    {when(w.performedAt, lang)} · {label(w.kind, lang)} · {w.durationMinutes}′ ·{' '}
                    {w.summary}
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}
      {r && (pending || mine) && (
        <section className="card referral-actions">
          {command.banner}
          {pending && (
            <div className="row buttons">
              <button data-action="claim" disabled={busy} onClick={() => void run('claim', {})}>
                {t('claim')}
              </button>
            </div>
          )}
          {mine && (
            <>
              <ActionForm
                className="work-form"
                title="recordWork"
                submit={async () => {
                  if (
                    await run('work', {
                      kind: workKind,
                      performedAt: iso(performedAt),
                      durationMinutes: Number(duration) || 0,
                      summary: workSummary,
                    })
                  )
                    setWorkSummary('');
                }}
              >
                <div className="row">
                  <SelectField
                    text="workKind"
                    name="workKind"
                    value={workKind}
                    options={labelled(WORK_KINDS, lang)}
                    onChange={setWorkKind}
                  />
                  <TimeField
                    text="when"
                    name="workAt"
                    value={performedAt}
                    onChange={setPerformedAt}
                  />
                  <InputField
                    text="durationMinutes"
                    name="workMinutes"
                    type="number"
                    min={0}
                    value={duration}
                    onChange={setDuration}
                  />
                </div>
                <InputField
                  text="workSummary"
                  name="workSummary"
                  value={workSummary}
                  onChange={setWorkSummary}
                />
                <Submit action="work" text="recordWork" disabled={busy} />
              </ActionForm>
              <ActionForm
                className="outcome-form"
                title="outcome"
                submit={() =>
                  run('outcome', {
                    outcome,
                    note: outcomeNote,
                    externalReference: externalRef.trim(),
                    decidedAt: new Date().toISOString(),
                  })
                }
              >
                <div className="row">
                  <SelectField
                    text="referralOutcome"
                    name="referralOutcome"
                    value={outcome}
                    options={labelled(OUTCOMES, lang)}
                    onChange={setOutcome}
                  />
                  <InputField
                    text="externalReference"
                    name="externalReference"
                    value={externalRef}
                    onChange={setExternalRef}
                  />
                </div>
                <InputField
                  text="note"
                  name="outcomeNote"
                  value={outcomeNote}
                  onChange={setOutcomeNote}
                />
                <Submit action="outcome" text="outcome" disabled={busy} />
              </ActionForm>
              <ActionForm
                className="return-form"
                title="returnReferral"
                submit={() => run('return', { reason: returnReason, note: returnNote })}
              >
                <div className="row">
                  <SelectField
                    text="returnReason"
                    name="returnReason"
                    value={returnReason}
                    options={labelled(RETURN_REASONS, lang)}
                    onChange={setReturnReason}
                  />
                  <InputField
                    text="note"
                    name="returnNote"
                    value={returnNote}
                    onChange={setReturnNote}
                  />
                </div>
                <Submit
                  action="return"
                  text="returnReferral"
                  disabled={busy}
                  className="secondary"
                />
              </ActionForm>
            </>
          )}
          <ActionForm
            className="decline-form"
            title="decline"
            submit={() =>
              run('decline', {
                reason: declineReason,
                note: declineNote,
                rerouteDeskCode: reroute.trim(),
              })
            }
          >
            <div className="row">
              <SelectField
                text="declineReason"
                name="declineReason"
                value={declineReason}
                options={labelled(DECLINE_REASONS, lang)}
                onChange={setDeclineReason}
              />
              <InputField
                text="rerouteDesk"
                name="rerouteDesk"
                value={reroute}
                onChange={setReroute}
              />
            </div>
            <InputField
              text="note"
              name="declineNote"
              value={declineNote}
              onChange={setDeclineNote}
            />
            <Submit action="decline" text="decline" disabled={busy} className="secondary" />
          </ActionForm>
        </section>
      )}
    </div>
  );
}
