import { useContext, useState, type FormEvent, type ReactNode } from 'react';
import { api, Problem, tokenClaims } from '../api';
import { LangContext, useT } from '../i18n';
import { label } from '../labels';
import { loadRoster, type CommitteeRoster } from '../pages/roster';
import { ProblemBanner } from './problem-banner';
import { Link } from './router';
import { useLoad } from './use-load';

interface Party {
  partyId: string;
  role: string;
  name?: string;
}
interface Assignment {
  mediatorId: string;
  displayName: string;
  role: string;
  chosenByParties?: boolean;
  chosenByPartyId?: string;
}
interface Session {
  sessionId: string;
  scheduledAt: string | null;
  heldAt: string | null;
  location: string;
  visibility: string;
  invitedPartyIds: string[];
  attendedPartyIds: string[];
  noShowPartyIds: string[];
  mediatorIds: string[];
  durationMinutes: number;
  outcome: string;
  summary: string;
}
interface Confirmation {
  status: string;
  court: { code: string } | null;
  appliedAt: string | null;
  applicantPartyIds: string[];
  confirmationNumber: string;
  acceptedAt: string | null;
  decidedAt: string | null;
}
/** The parts of GetMediation these actions read (the case page's view has the rest). */
export interface MediationDetail {
  mediationId: string;
  status: string;
  version: string;
  committee: { code: string; level: string; orgUnitCode?: string } | null;
  orgUnit?: { code: string } | null;
  parties?: Party[];
  mediators?: Assignment[];
  sessions?: Session[];
  judicialConfirmation?: Confirmation | null;
  recusedMediatorIds?: string[];
  leadRequired?: boolean;
  entrustedBy?: { code: string; type: string } | null;
}

const S = (s: string) => `MEDIATION_STATUS_${s}`;
const SESSION_OUTCOMES = [
  'SESSION_OUTCOME_CONTINUE',
  'SESSION_OUTCOME_AGREEMENT_LIKELY',
  'SESSION_OUTCOME_DEADLOCK',
  'SESSION_OUTCOME_NOT_HELD',
];
const VISIBILITIES = ['SESSION_VISIBILITY_PRIVATE', 'SESSION_VISIBILITY_PUBLIC'];

/** `datetime-local` value for a Date, in the browser's time zone. */
function localInput(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}
const iso = (local: string) => (local ? new Date(local).toISOString() : '');
const toggle = (list: string[], id: string, on: boolean) =>
  on ? [...new Set([...list, id])] : list.filter((x) => x !== id);

/** The competent basic court by the directory's code scheme (CRT- + district), as a default. */
function defaultCourt(m: MediationDetail): string {
  if (m.entrustedBy?.type === 'INSTITUTION_TYPE_COURT') return m.entrustedBy.code;
  const unit = m.committee?.orgUnitCode || m.orgUnit?.code || '';
  return unit.length >= 9 ? `CRT-${unit.slice(0, 6)}` : '';
}

function Checks({
  name,
  options,
  value,
  onChange,
}: {
  name: string;
  options: { id: string; text: ReactNode }[];
  value: string[];
  onChange: (v: string[]) => void;
}) {
  return (
    <div className="checks" data-name={name}>
      {options.map((o) => (
        <label key={o.id} className="inline check">
          <input
            type="checkbox"
            name={name}
            value={o.id}
            checked={value.includes(o.id)}
            onChange={(e) => onChange(toggle(value, o.id, e.target.checked))}
          />
          {o.text}
        </label>
      ))}
    </div>
  );
}

/**
 * The committee's steps the case page did not have: assign mediators from the holding
 * committee's roster (a party's choice recorded), a party's recusal of a mediator, schedule and
 * record sessions, and judicial confirmation (the joint application, then the court's results).
 * Each form shows the API's problem (field errors included) next to it.
 */
export function MediatorActions({
  mediation: m,
  parties: caseParties,
  onChanged,
}: {
  mediation: MediationDetail;
  parties: Party[];
  onChanged: () => void;
}) {
  const t = useT();
  const { lang } = useContext(LangContext);
  const claims = tokenClaims();
  const committeeCode = m.committee?.code ?? '';
  const open = m.status === S('PENDING_ACCEPTANCE') || m.status === S('IN_PROGRESS');
  const inProgress = m.status === S('IN_PROGRESS');
  // Staff bound to a committee act only while their committee holds the case (the service
  // checks it too); the roster is read only then.
  const holdsCase = !claims?.committee_code || claims.committee_code === committeeCode;
  const roster = useLoad<{ roster: CommitteeRoster } | null>(
    () => (open && holdsCase && committeeCode ? loadRoster(committeeCode) : Promise.resolve(null)),
    [open, holdsCase, committeeCode],
  );
  const [failed, setFailed] = useState<{ form: string; error: unknown } | null>(null);
  const [busy, setBusy] = useState(false);

  const parties: Party[] = (m.parties?.length ? m.parties : caseParties).map((p) => ({
    ...p,
    name: caseParties.find((c) => c.partyId === p.partyId)?.name,
  }));
  const partyName = (id: string) => {
    const p = parties.find((x) => x.partyId === id);
    return p ? `${p.name ?? id} (${label(p.role, lang)})` : id;
  };
  const principals = parties
    .filter((p) => p.role === 'PARTY_ROLE_APPLICANT' || p.role === 'PARTY_ROLE_RESPONDENT')
    .map((p) => p.partyId);
  const recused = m.recusedMediatorIds ?? [];
  const assigned = m.mediators ?? [];
  const members = roster.data?.roster.members ?? [];
  const assignable = members.filter((x) => x.active && !recused.includes(x.memberId));
  const memberName = (id: string) =>
    assigned.find((a) => a.mediatorId === id)?.displayName ||
    members.find((x) => x.memberId === id)?.name ||
    id;
  const when = (s: string | null) =>
    s ? new Date(s).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB') : '—';

  const run = async (form: string, action: string, body: Record<string, unknown>) => {
    setFailed(null);
    setBusy(true);
    try {
      await api('POST', `/mediations/${encodeURIComponent(m.mediationId)}/${action}`, {
        expectedVersion: m.version,
        ...body,
      });
      onChanged();
      return true;
    } catch (e) {
      setFailed({ form, error: e });
      // A stale version: re-read, so a retry carries the new one.
      if (e instanceof Problem && e.status === 409) onChanged();
      return false;
    } finally {
      setBusy(false);
    }
  };
  const banner = (form: string) => (
    <ProblemBanner error={failed?.form === form ? failed.error : null} />
  );

  // --- assignment ---
  const lead0 = assigned.find((a) => a.role === 'MEDIATOR_ROLE_LEAD')?.mediatorId ?? '';
  const [lead, setLead] = useState(lead0);
  const [assistants, setAssistants] = useState<string[]>([]);
  const [chosenMediator, setChosenMediator] = useState('');
  const [chosenBy, setChosenBy] = useState('');
  const [assignNote, setAssignNote] = useState('');
  // Only active, non-recused members can be picked (a stale choice falls away).
  const leadId = assignable.some((x) => x.memberId === lead) ? lead : '';
  const assistantIds = assistants.filter(
    (a) => a !== leadId && assignable.some((x) => x.memberId === a),
  );
  const assign = async (e: FormEvent) => {
    e.preventDefault();
    const picked = [leadId, ...assistantIds].filter(Boolean);
    const ok = await run('assign', 'mediators', {
      mediators: picked.map((id) => ({
        mediatorId: id,
        role: id === leadId ? 'MEDIATOR_ROLE_LEAD' : 'MEDIATOR_ROLE_ASSISTANT',
        ...(chosenBy && chosenMediator === id
          ? { chosenByParties: true, chosenByPartyId: chosenBy }
          : {}),
      })),
      note: assignNote,
    });
    if (ok) {
      setAssistants([]);
      setChosenMediator('');
      setChosenBy('');
      setAssignNote('');
    }
  };

  // --- recusal ---
  const [recParty, setRecParty] = useState('');
  const [recMediator, setRecMediator] = useState('');
  const [recReason, setRecReason] = useState('');
  const recusable = [
    ...assigned.map((a) => a.mediatorId),
    ...assignable.map((x) => x.memberId).filter((id) => !assigned.some((a) => a.mediatorId === id)),
  ];
  const recPartyId = parties.some((p) => p.partyId === recParty)
    ? recParty
    : (parties[0]?.partyId ?? '');
  const recMediatorId = recusable.includes(recMediator) ? recMediator : (recusable[0] ?? '');
  const recuse = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await run('recusal', 'recusals', {
      partyId: recPartyId,
      mediatorId: recMediatorId,
      reason: recReason,
      method: 'CONSENT_METHOD_ORAL',
    });
    if (ok) setRecReason('');
  };

  // --- sessions ---
  const sessions = m.sessions ?? [];
  const pendingSessions = sessions.filter((s) => !s.heldAt);
  const [schedAt, setSchedAt] = useState(() => localInput(new Date(Date.now() + 86_400_000)));
  const [schedPlace, setSchedPlace] = useState('');
  const [schedVisibility, setSchedVisibility] = useState(VISIBILITIES[0]);
  const [invited, setInvited] = useState<string[] | null>(null);
  const schedule = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await run('schedule', 'schedule-session', {
      scheduledAt: iso(schedAt),
      location: schedPlace,
      visibility: schedVisibility,
      invitedPartyIds: invited ?? parties.map((p) => p.partyId),
      mediatorIds: assigned.map((a) => a.mediatorId),
    });
    if (ok) setSchedPlace('');
  };

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
  const recordSession = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await run('record', 'record-session', {
      sessionId: current,
      heldAt: iso(heldAt),
      location: heldPlace || picked?.location || '',
      visibility: heldVisibility || picked?.visibility || VISIBILITIES[0],
      attendedPartyIds: parties.map((p) => p.partyId).filter((id) => presence(id) === 'attended'),
      noShowPartyIds: parties.map((p) => p.partyId).filter((id) => presence(id) === 'noShow'),
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

  // --- judicial confirmation ---
  const jc = m.judicialConfirmation;
  const jcStatus =
    jc?.status && !jc.status.endsWith('_UNSPECIFIED')
      ? jc.status
      : 'JUDICIAL_CONFIRMATION_STATUS_NOT_REQUESTED';
  const jcShown =
    m.status === S('AGREED') || jcStatus !== 'JUDICIAL_CONFIRMATION_STATUS_NOT_REQUESTED';
  const canRequest =
    m.status === S('AGREED') &&
    ![
      'JUDICIAL_CONFIRMATION_STATUS_REQUESTED',
      'JUDICIAL_CONFIRMATION_STATUS_ACCEPTED',
      'JUDICIAL_CONFIRMATION_STATUS_CONFIRMED',
    ].includes(jcStatus);
  const results =
    jcStatus === 'JUDICIAL_CONFIRMATION_STATUS_REQUESTED'
      ? ['ACCEPTED', 'NOT_ACCEPTED', 'WITHDRAWN']
      : jcStatus === 'JUDICIAL_CONFIRMATION_STATUS_ACCEPTED'
        ? ['CONFIRMED', 'NOT_CONFIRMED', 'WITHDRAWN']
        : [];
  const [court, setCourt] = useState(() => defaultCourt(m));
  const [appliedAt, setAppliedAt] = useState(() => localInput(new Date()));
  const [applicants, setApplicants] = useState<string[] | null>(null);
  const [jcNote, setJcNote] = useState('');
  const [result, setResult] = useState('');
  const [number, setNumber] = useState('');
  const [decidedAt, setDecidedAt] = useState(() => localInput(new Date()));
  const [extended, setExtended] = useState(false);
  const requestConfirmation = async (e: FormEvent) => {
    e.preventDefault();
    await run('jc', 'judicial-confirmation', {
      courtCode: court.trim(),
      appliedAt: iso(appliedAt),
      applicantPartyIds: applicants ?? principals,
      note: jcNote,
    });
  };
  const chosenResult = `JUDICIAL_CONFIRMATION_RESULT_${result || results[0]}`;
  const recordResult = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await run('jc', 'confirmation', {
      result: chosenResult,
      confirmationNumber: number.trim(),
      decidedAt: iso(decidedAt),
      decisionTermExtended: extended,
      note: jcNote,
    });
    if (ok) setResult('');
  };

  if (!holdsCase) return null;
  const partyOptions = parties.map((p) => ({ id: p.partyId, text: partyName(p.partyId) }));
  const rosterLink = (
    <Link to={`/roster/${encodeURIComponent(committeeCode)}`}>
      {t('roster')} ({committeeCode})
    </Link>
  );

  return (
    <>
      {open && (
        <section className="card mediators" data-section="mediators">
          <h2>{t('assignMediators')}</h2>
          {m.leadRequired && (
            <p className="warning" data-lead-required="true">
              ⚠ {t('leadRequired')}
            </p>
          )}
          <h3>{t('currentMediators')}</h3>
          {assigned.length === 0 ? (
            <p className="muted">{t('unassigned')}</p>
          ) : (
            <ul className="assigned">
              {assigned.map((a) => (
                <li key={a.mediatorId} data-mediator={a.mediatorId} data-role={a.role}>
                  {a.displayName || a.mediatorId} · {label(a.role, lang)}
                  {a.chosenByPartyId
                    ? ` · ${t('chosenBy')}: ${partyName(a.chosenByPartyId)}`
                    : a.chosenByParties
                      ? ` · ${t('chosenBy')}`
                      : ''}
                </li>
              ))}
            </ul>
          )}
          {recused.length > 0 && (
            <p className="muted" data-recused={recused.join(',')}>
              {t('recused')}: {recused.map(memberName).join('、')}
            </p>
          )}
          <p className="muted">{rosterLink}</p>
          {roster.error instanceof Problem && [403, 404].includes(roster.error.status) ? (
            <p className="muted">{t('rosterUnavailable')}</p>
          ) : (
            <ProblemBanner error={roster.error} />
          )}
          {inProgress && (
            <form onSubmit={assign} className="assign-form">
              {banner('assign')}
              {roster.data && assignable.length === 0 ? (
                <p className="muted" data-empty-roster="true">
                  {t('noActiveMembers')}
                </p>
              ) : (
                <>
                  <label>
                    {t('lead')}
                    <select name="lead" value={leadId} onChange={(e) => setLead(e.target.value)}>
                      <option value="">{t('noneOption')}</option>
                      {assignable.map((x) => (
                        <option key={x.memberId} value={x.memberId}>
                          {x.name} · {label(x.role, lang)}
                          {x.specialities.length ? ` · ${x.specialities.join('、')}` : ''}
                        </option>
                      ))}
                    </select>
                  </label>
                  <fieldset>
                    <legend>{t('assistants')}</legend>
                    <Checks
                      name="assistants"
                      options={assignable
                        .filter((x) => x.memberId !== leadId)
                        .map((x) => ({ id: x.memberId, text: x.name }))}
                      value={assistantIds}
                      onChange={setAssistants}
                    />
                  </fieldset>
                  <div className="row">
                    <label>
                      {t('chosenMediator')}
                      <select
                        name="chosenMediator"
                        value={chosenMediator}
                        onChange={(e) => setChosenMediator(e.target.value)}
                      >
                        <option value="">{t('noneOption')}</option>
                        {[leadId, ...assistantIds].filter(Boolean).map((id) => (
                          <option key={id} value={id}>
                            {memberName(id)}
                          </option>
                        ))}
                      </select>
                    </label>
                    <label>
                      {t('chosenBy')}
                      <select
                        name="chosenBy"
                        value={chosenBy}
                        onChange={(e) => setChosenBy(e.target.value)}
                      >
                        <option value="">{t('noneOption')}</option>
                        {partyOptions.map((p) => (
                          <option key={p.id} value={p.id}>
                            {p.text}
                          </option>
                        ))}
                      </select>
                    </label>
                  </div>
                  <label>
                    {t('note')}
                    <input
                      name="assignNote"
                      value={assignNote}
                      onChange={(e) => setAssignNote(e.target.value)}
                    />
                  </label>
                  <button type="submit" disabled={busy} data-action="assign">
                    {t('assignMediators')}
                  </button>
                </>
              )}
            </form>
          )}
          <form onSubmit={recuse} className="recusal-form">
            <h3>{t('recusal')}</h3>
            {banner('recusal')}
            <div className="row">
              <label>
                {t('party')}
                <select
                  name="recusalParty"
                  value={recPartyId}
                  onChange={(e) => setRecParty(e.target.value)}
                >
                  {partyOptions.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.text}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t('mediator')}
                <select
                  name="recusalMediator"
                  value={recMediatorId}
                  onChange={(e) => setRecMediator(e.target.value)}
                >
                  {recusable.map((id) => (
                    <option key={id} value={id}>
                      {memberName(id)}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            <label>
              {t('reason')}
              <input
                name="recusalReason"
                value={recReason}
                onChange={(e) => setRecReason(e.target.value)}
              />
            </label>
            <button
              type="submit"
              className="secondary"
              disabled={busy || recusable.length === 0}
              data-action="recusal"
            >
              {t('recordRecusal')}
            </button>
          </form>
        </section>
      )}

      {(inProgress || sessions.length > 0) && (
        <section className="card sessions" data-section="sessions">
          <h2>{t('sessions')}</h2>
          {sessions.length > 0 && (
            <div className="table-scroll">
              <table className="session-list">
                <thead>
                  <tr>
                    <th>{t('when')}</th>
                    <th>{t('place')}</th>
                    <th>{t('visibility')}</th>
                    <th>{t('attendance')}</th>
                    <th>{t('sessionOutcome')}</th>
                  </tr>
                </thead>
                <tbody>
                  {sessions.map((s) => (
                    <tr
                      key={s.sessionId}
                      data-session={s.sessionId}
                      data-held={s.heldAt ? 'true' : 'false'}
                    >
                      <td>
                        {s.heldAt ? when(s.heldAt) : `${when(s.scheduledAt)} (${t('scheduled')})`}
                      </td>
                      <td>{s.location}</td>
                      <td>{label(s.visibility, lang)}</td>
                      <td>
                        {s.heldAt
                          ? `${t('attended')}: ${s.attendedPartyIds.map(partyName).join('、') || '—'}` +
                            (s.noShowPartyIds.length
                              ? `；${t('noShow')}: ${s.noShowPartyIds.map(partyName).join('、')}`
                              : '')
                          : `${t('invited')}: ${s.invitedPartyIds.map(partyName).join('、')}`}
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
          )}
          {inProgress && (
            <div className="grid2">
              <form onSubmit={schedule} className="schedule-form">
                <h3>{t('scheduleSession')}</h3>
                {banner('schedule')}
                <label>
                  {t('when')}
                  <input
                    type="datetime-local"
                    name="scheduledAt"
                    value={schedAt}
                    onChange={(e) => setSchedAt(e.target.value)}
                  />
                </label>
                <label>
                  {t('place')}
                  <input
                    name="scheduledPlace"
                    value={schedPlace}
                    onChange={(e) => setSchedPlace(e.target.value)}
                  />
                </label>
                <label>
                  {t('visibility')}
                  <select
                    name="scheduledVisibility"
                    value={schedVisibility}
                    onChange={(e) => setSchedVisibility(e.target.value)}
                  >
                    {VISIBILITIES.map((v) => (
                      <option key={v} value={v}>
                        {label(v, lang)}
                      </option>
                    ))}
                  </select>
                </label>
                <fieldset>
                  <legend>{t('invited')}</legend>
                  <Checks
                    name="invited"
                    options={partyOptions}
                    value={invited ?? parties.map((p) => p.partyId)}
                    onChange={setInvited}
                  />
                </fieldset>
                <button type="submit" disabled={busy} data-action="schedule">
                  {t('scheduleSession')}
                </button>
              </form>
              <form onSubmit={recordSession} className="record-session-form">
                <h3>{t('recordSession')}</h3>
                {banner('record')}
                <label>
                  {t('session')}
                  <select
                    name="sessionId"
                    value={current}
                    onChange={(e) => setSessionId(e.target.value)}
                  >
                    {pendingSessions.map((s) => (
                      <option key={s.sessionId} value={s.sessionId}>
                        {when(s.scheduledAt)} · {s.location}
                      </option>
                    ))}
                    <option value="">{t('unscheduled')}</option>
                  </select>
                </label>
                <div className="row">
                  <label>
                    {t('when')}
                    <input
                      type="datetime-local"
                      name="heldAt"
                      value={heldAt}
                      onChange={(e) => setHeldAt(e.target.value)}
                    />
                  </label>
                  <label>
                    {t('durationMinutes')}
                    <input
                      type="number"
                      min={0}
                      name="durationMinutes"
                      value={duration}
                      onChange={(e) => setDuration(e.target.value)}
                    />
                  </label>
                </div>
                <div className="row">
                  <label>
                    {t('place')}
                    <input
                      name="heldPlace"
                      value={heldPlace}
                      placeholder={picked?.location}
                      onChange={(e) => setHeldPlace(e.target.value)}
                    />
                  </label>
                  <label>
                    {t('visibility')}
                    <select
                      name="heldVisibility"
                      value={heldVisibility || picked?.visibility || VISIBILITIES[0]}
                      onChange={(e) => setHeldVisibility(e.target.value)}
                    >
                      {VISIBILITIES.map((v) => (
                        <option key={v} value={v}>
                          {label(v, lang)}
                        </option>
                      ))}
                    </select>
                  </label>
                </div>
                <fieldset>
                  <legend>{t('attendance')}</legend>
                  {parties.map((p) => (
                    <label key={p.partyId} className="inline attendance">
                      <span>{partyName(p.partyId)}</span>
                      <select
                        name={`attendance.${p.partyId}`}
                        value={presence(p.partyId)}
                        onChange={(e) =>
                          setAttendance({ ...attendance, [p.partyId]: e.target.value })
                        }
                      >
                        <option value="attended">{t('attended')}</option>
                        <option value="noShow">{t('noShow')}</option>
                        <option value="">—</option>
                      </select>
                    </label>
                  ))}
                </fieldset>
                <label>
                  {t('sessionOutcome')}
                  <select
                    name="sessionOutcome"
                    value={outcome}
                    onChange={(e) => setOutcome(e.target.value)}
                  >
                    {SESSION_OUTCOMES.map((o) => (
                      <option key={o} value={o}>
                        {label(o, lang)}
                      </option>
                    ))}
                  </select>
                </label>
                <label>
                  {t('sessionSummary')}
                  <textarea
                    name="sessionSummary"
                    rows={3}
                    value={sessionSummary}
                    onChange={(e) => setSessionSummary(e.target.value)}
                  />
                </label>
                <button type="submit" disabled={busy} data-action="record-session">
                  {t('recordSession')}
                </button>
              </form>
            </div>
          )}
        </section>
      )}

      {jcShown && (
        <section className="card confirmation" data-section="confirmation" data-status={jcStatus}>
          <h2>{t('judicialConfirmation')}</h2>
          <p>
            <strong>{label(jcStatus, lang)}</strong>
            {jc?.court?.code && ` · ${jc.court.code}`}
            {jc?.confirmationNumber && (
              <>
                {' · '}
                {t('confirmationNumber')} <code>{jc.confirmationNumber}</code>
              </>
            )}
            {jc?.appliedAt && ` · ${t('appliedAt')} ${when(jc.appliedAt)}`}
            {jc?.decidedAt && ` · ${t('decidedAt')} ${when(jc.decidedAt)}`}
          </p>
          {banner('jc')}
          {canRequest && (
            <form onSubmit={requestConfirmation} className="jc-request-form">
              <h3>{t('requestConfirmation')}</h3>
              <div className="row">
                <label>
                  {t('court')}
                  <input
                    name="courtCode"
                    value={court}
                    placeholder="CRT-210202"
                    onChange={(e) => setCourt(e.target.value)}
                  />
                </label>
                <label>
                  {t('appliedAt')}
                  <input
                    type="datetime-local"
                    name="appliedAt"
                    value={appliedAt}
                    onChange={(e) => setAppliedAt(e.target.value)}
                  />
                </label>
              </div>
              <fieldset>
                <legend>{t('applicants')}</legend>
                <Checks
                  name="applicants"
                  options={partyOptions}
                  value={applicants ?? principals}
                  onChange={setApplicants}
                />
              </fieldset>
              <label>
                {t('note')}
                <input name="jcNote" value={jcNote} onChange={(e) => setJcNote(e.target.value)} />
              </label>
              <button type="submit" disabled={busy} data-action="request-confirmation">
                {t('requestConfirmation')}
              </button>
            </form>
          )}
          {m.status === S('AGREED') && results.length > 0 && (
            <form onSubmit={recordResult} className="jc-result-form">
              <h3>{t('recordCourtResult')}</h3>
              <div className="row">
                <label>
                  {t('courtResult')}
                  <select
                    name="courtResult"
                    value={chosenResult}
                    onChange={(e) =>
                      setResult(e.target.value.replace('JUDICIAL_CONFIRMATION_RESULT_', ''))
                    }
                  >
                    {results.map((r) => (
                      <option key={r} value={`JUDICIAL_CONFIRMATION_RESULT_${r}`}>
                        {label(`JUDICIAL_CONFIRMATION_RESULT_${r}`, lang)}
                      </option>
                    ))}
                  </select>
                </label>
                {chosenResult === 'JUDICIAL_CONFIRMATION_RESULT_ACCEPTED' && (
                  <label>
                    {t('confirmationNumber')}
                    <input
                      name="confirmationNumber"
                      value={number}
                      placeholder="（2026）辽0202民特123号"
                      onChange={(e) => setNumber(e.target.value)}
                    />
                  </label>
                )}
                <label>
                  {t('decidedAt')}
                  <input
                    type="datetime-local"
                    name="decidedAt"
                    value={decidedAt}
                    onChange={(e) => setDecidedAt(e.target.value)}
                  />
                </label>
              </div>
              {chosenResult === 'JUDICIAL_CONFIRMATION_RESULT_ACCEPTED' && (
                <label className="inline check">
                  <input
                    type="checkbox"
                    name="decisionTermExtended"
                    checked={extended}
                    onChange={(e) => setExtended(e.target.checked)}
                  />
                  {t('termExtended')}
                </label>
              )}
              <button type="submit" disabled={busy} data-action="record-confirmation">
                {t('recordCourtResult')}
              </button>
            </form>
          )}
        </section>
      )}
    </>
  );
}
