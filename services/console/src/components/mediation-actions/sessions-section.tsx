import { useContext, useState } from 'react';
import { LangContext, useT } from '../../i18n';
import { label } from '../../labels';
import {
  ActionForm,
  Checks,
  InputField,
  SelectField,
  Submit,
  TimeField,
  iso,
  labelled,
  localInput,
  TextAreaField,
} from './form-helpers';
import { statusIs, type Session, type SessionResponse } from './mediation-detail';
import type { SectionProps } from './section-props';

const SESSION_OUTCOMES = [
  'SESSION_OUTCOME_CONTINUE',
  'SESSION_OUTCOME_AGREEMENT_LIKELY',
  'SESSION_OUTCOME_DEADLOCK',
  'SESSION_OUTCOME_NOT_HELD',
];
const VISIBILITIES = ['SESSION_VISIBILITY_PRIVATE', 'SESSION_VISIBILITY_PUBLIC'];

const COLUMNS = ['when', 'place', 'visibility', 'attendance', 'sessionOutcome'] as const;

/** The sessions so far: when, where, who came (or was invited) and how it went. */
function SessionTable({
  sessions,
  partyName,
  when,
}: { sessions: Session[] } & Pick<SectionProps, 'partyName' | 'when'>) {
  const t = useT();
  const { lang } = useContext(LangContext);
  const names = (ids: string[]) => ids.map(partyName).join('、');
  return (
    <div className="table-scroll">
      <table className="session-list">
        <thead>
          <tr>
            {COLUMNS.map((c) => (
              <th key={c}>{t(c)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sessions.map((s) => (
            <tr
              key={s.sessionId}
              data-session={s.sessionId}
              data-held={s.heldAt ? 'true' : 'false'}
            >
              <td>{s.heldAt ? when(s.heldAt) : `${when(s.scheduledAt)} (${t('scheduled')})`}</td>
              <td>{s.location}</td>
              <td>{label(s.visibility, lang)}</td>
              <td>
                {s.heldAt
                  ? `${t('attended')}: ${names(s.attendedPartyIds) || '—'}` +
                    (s.noShowPartyIds.length ? `；${t('noShow')}: ${names(s.noShowPartyIds)}` : '')
                  : `${t('invited')}: ${names(s.invitedPartyIds)}`}
                {!s.heldAt && <PartyAnswers responses={s.responses ?? []} partyName={partyName} />}
              </td>
              <td>
                {s.heldAt ? label(s.outcome, lang) : '—'}
                {s.summary && <div className="muted">{s.summary}</div>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Each party's latest answer from the parties' app: attending, or asking to move it and why. */
function PartyAnswers({
  responses,
  partyName,
}: { responses: SessionResponse[] } & Pick<SectionProps, 'partyName'>) {
  const { lang } = useContext(LangContext);
  const latest = new Map(responses.map((r) => [r.partyId, r]));
  if (latest.size === 0) return null;
  return (
    <ul className="muted" data-session-answers>
      {[...latest.values()].map((r) => (
        <li key={r.partyId} data-answer={r.answer}>
          {partyName(r.partyId)}：{label(r.answer, lang)}
          {r.note && `（${r.note}）`}
        </li>
      ))}
    </ul>
  );
}

/**
 * Sessions, while in progress (and their list once there are any): schedule one (time, place,
 * visibility, invited parties), record a scheduled one or one on the spot (attendance per party,
 * no-shows included, outcome, summary).
 */
export function SessionsSection({
  m,
  parties,
  partyName,
  partyOptions,
  when,
  command,
}: SectionProps) {
  const t = useT();
  const { lang } = useContext(LangContext);
  const { busy, run, banner } = command;
  const inProgress = statusIs(m, 'IN_PROGRESS');
  const assigned = m.mediators ?? [];
  const partyIds = parties.map((p) => p.partyId);
  const sessions = m.sessions ?? [];
  const pendingSessions = sessions.filter((s) => !s.heldAt);

  // --- schedule ---
  const [schedAt, setSchedAt] = useState(() => localInput(new Date(Date.now() + 86_400_000)));
  const [schedPlace, setSchedPlace] = useState('');
  const [schedVisibility, setSchedVisibility] = useState(VISIBILITIES[0]);
  const [invited, setInvited] = useState<string[] | null>(null);
  const schedule = async () => {
    const ok = await run('schedule', 'schedule-session', {
      scheduledAt: iso(schedAt),
      location: schedPlace,
      visibility: schedVisibility,
      invitedPartyIds: invited ?? partyIds,
      mediatorIds: assigned.map((a) => a.mediatorId),
    });
    if (ok) setSchedPlace('');
  };

  // --- record ---
  const [sessionId, setSessionId] = useState<string | null>(null);
  const current = sessionId ?? pendingSessions[0]?.sessionId ?? '';
  const picked = sessions.find((s) => s.sessionId === current);
  const [heldAt, setHeldAt] = useState(() => localInput(new Date()));
  const [heldPlace, setHeldPlace] = useState('');
  const [heldVisibility, setHeldVisibility] = useState('');
  const [attendance, setAttendance] = useState<Record<string, string>>({});
  const [duration, setDuration] = useState('60');
  const [outcome, setOutcome] = useState(SESSION_OUTCOMES[0]);
  const [sessionSummary, setSessionSummary] = useState('');
  const presence = (id: string) =>
    attendance[id] ?? (!picked || picked.invitedPartyIds.includes(id) ? 'attended' : '');
  const recordSession = async () => {
    const ok = await run('record', 'record-session', {
      sessionId: current,
      heldAt: iso(heldAt),
      location: heldPlace || picked?.location || '',
      visibility: heldVisibility || picked?.visibility || VISIBILITIES[0],
      attendedPartyIds: partyIds.filter((id) => presence(id) === 'attended'),
      noShowPartyIds: partyIds.filter((id) => presence(id) === 'noShow'),
      durationMinutes: Number(duration) || 0,
      outcome,
      summary: sessionSummary,
    });
    if (ok) {
      setSessionId(null);
      setAttendance({});
      setSessionSummary('');
      setHeldPlace('');
      setHeldVisibility('');
    }
  };

  if (!inProgress && sessions.length === 0) return null;
  return (
    <section className="card sessions" data-section="sessions">
      <h2>{t('sessions')}</h2>
      {sessions.length > 0 && (
        <SessionTable sessions={sessions} partyName={partyName} when={when} />
      )}
      {inProgress && (
        <div className="grid2">
          <ActionForm
            className="schedule-form"
            title="scheduleSession"
            banner={banner('schedule')}
            submit={schedule}
          >
            <TimeField text="when" name="scheduledAt" value={schedAt} onChange={setSchedAt} />
            <InputField
              text="place"
              name="scheduledPlace"
              value={schedPlace}
              onChange={setSchedPlace}
            />
            <SelectField
              text="visibility"
              name="scheduledVisibility"
              value={schedVisibility}
              onChange={setSchedVisibility}
              options={labelled(VISIBILITIES, lang)}
            />
            <Checks
              legend="invited"
              name="invited"
              options={partyOptions}
              value={invited ?? partyIds}
              onChange={setInvited}
            />
            <Submit action="schedule" text="scheduleSession" disabled={busy} />
          </ActionForm>
          <ActionForm
            className="record-session-form"
            title="recordSession"
            banner={banner('record')}
            submit={recordSession}
          >
            <SelectField
              text="session"
              name="sessionId"
              value={current}
              onChange={setSessionId}
              options={[
                ...pendingSessions.map((s) => ({
                  id: s.sessionId,
                  text: (
                    <>
                      {when(s.scheduledAt)} · {s.location}
                    </>
                  ),
                })),
                { id: '', text: t('unscheduled') },
              ]}
            />
            <div className="row">
              <TimeField text="when" name="heldAt" value={heldAt} onChange={setHeldAt} />
              <InputField
                text="durationMinutes"
                type="number"
                min={0}
                name="durationMinutes"
                value={duration}
                onChange={setDuration}
              />
            </div>
            <div className="row">
              <InputField
                text="place"
                name="heldPlace"
                value={heldPlace}
                placeholder={picked?.location}
                onChange={setHeldPlace}
              />
              <SelectField
                text="visibility"
                name="heldVisibility"
                value={heldVisibility || picked?.visibility || VISIBILITIES[0]}
                onChange={setHeldVisibility}
                options={labelled(VISIBILITIES, lang)}
              />
            </div>
            <fieldset>
              <legend>{t('attendance')}</legend>
              {parties.map((p) => (
                <label key={p.partyId} className="inline attendance">
                  <span>{partyName(p.partyId)}</span>
                  <select
                    name={`attendance.${p.partyId}`}
                    value={presence(p.partyId)}
                    onChange={(e) => setAttendance({ ...attendance, [p.partyId]: e.target.value })}
                  >
                    <option value="attended">{t('attended')}</option>
                    <option value="noShow">{t('noShow')}</option>
                    <option value="">—</option>
                  </select>
                </label>
              ))}
            </fieldset>
            <SelectField
              text="sessionOutcome"
              name="sessionOutcome"
              value={outcome}
              onChange={setOutcome}
              options={labelled(SESSION_OUTCOMES, lang)}
            />
            <TextAreaField
              text="sessionSummary"
              name="sessionSummary"
              rows={3}
              value={sessionSummary}
              onChange={setSessionSummary}
            />
            <Submit action="record-session" text="recordSession" disabled={busy} />
          </ActionForm>
        </div>
      )}
    </section>
  );
}
