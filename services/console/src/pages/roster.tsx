import { useContext, useState, type FormEvent } from 'react';
import { api, tokenClaims } from '../api';
import { InputField, SelectField, labelled } from '../components/mediation-actions/form-helpers';
import { CodeLookup } from '../components/code-lookup';
import { ProblemBanner } from '../components/problem-banner';
import { navigate } from '../components/router';
import { isConflict, useFormSubmit } from '../components/use-form-submit';
import { useLoad } from '../components/use-load';
import { LangContext, useT } from '../i18n';
import { label } from '../labels';

export interface RosterMember {
  memberId: string;
  name: string;
  gender: string;
  role: string;
  active: boolean;
  specialities: string[];
  deactivationReason?: string;
}
export interface CommitteeRoster {
  committee: { code: string; level: string; orgUnitCode?: string } | null;
  version: string;
  members: RosterMember[];
  compliance: { code: string; message: string }[];
}

export const GENDERS = ['GENDER_FEMALE', 'GENDER_MALE'];
export const MEMBER_ROLES = [
  'COMMITTEE_MEMBER_ROLE_DIRECTOR',
  'COMMITTEE_MEMBER_ROLE_DEPUTY_DIRECTOR',
  'COMMITTEE_MEMBER_ROLE_MEMBER',
];

/** GET /committees/{code}/roster */
export const loadRoster = (code: string) =>
  api<{ roster: CommitteeRoster }>('GET', `/committees/${encodeURIComponent(code)}/roster`);

interface MemberForm {
  memberId: string;
  name: string;
  gender: string;
  role: string;
  specialities: string;
}
const newId = () => `m-${Math.random().toString(36).slice(2, 8)}`;
const emptyForm = (): MemberForm => ({
  memberId: newId(),
  name: '',
  gender: GENDERS[0],
  role: 'COMMITTEE_MEMBER_ROLE_MEMBER',
  specialities: '',
});

/**
 * A committee's roster (art. 8): members, the compliance warnings the API reports, and for the
 * committee's admins (and administrators) add / update / deactivate. Every edit carries the
 * roster version last read; a conflict (409) is shown as the API's problem and the roster is
 * re-read so the admin can check and try again.
 */
export function RosterPage({ code }: { code?: string }) {
  const t = useT();
  const { lang } = useContext(LangContext);
  const claims = tokenClaims();
  const roles = claims?.roles ?? [];
  const committeeCode = code ?? claims?.committee_code ?? '';
  const roster = useLoad(
    () => (committeeCode ? loadRoster(committeeCode) : Promise.resolve(null)),
    [committeeCode],
  );
  const [form, setForm] = useState<MemberForm>(emptyForm);
  const [deactivating, setDeactivating] = useState<RosterMember | null>(null);
  const [reason, setReason] = useState('');
  const [conflict, setConflict] = useState(false);
  const [saved, setSaved] = useState(false);
  const command = useFormSubmit({
    onFailure: (e) => {
      if (!isConflict(e)) return;
      setConflict(true);
      roster.reload();
    },
  });
  const { busy, problem: error } = command;

  // Administrators everywhere; committee admins for their own committee, and for reasoning
  // points (kept by the community committee's admins; the service decides which).
  const canEdit =
    roles.includes('ADMINISTRATOR') ||
    (roles.includes('COMMITTEE_ADMIN') &&
      (committeeCode === claims?.committee_code || !committeeCode.startsWith('MC-')));
  const r = roster.data?.roster;

  const send = async (method: string, path: string, body: Record<string, unknown>) => {
    if (!r) return false;
    setConflict(false);
    setSaved(false);
    return command.submit(async () => {
      await api(method, `/committees/${encodeURIComponent(committeeCode)}/roster${path}`, {
        expectedVersion: r.version,
        ...body,
      });
      roster.reload();
      setSaved(true);
    });
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await send('PUT', `/members/${encodeURIComponent(form.memberId.trim())}`, {
      name: form.name,
      gender: form.gender,
      role: form.role,
      specialities: form.specialities
        .split(/[,，、]/)
        .map((s) => s.trim())
        .filter(Boolean),
    });
    if (ok) setForm(emptyForm());
  };

  const deactivate = async (e: FormEvent) => {
    e.preventDefault();
    if (!deactivating) return;
    const ok = await send(
      'POST',
      `/members/${encodeURIComponent(deactivating.memberId)}/deactivate`,
      {
        reason,
      },
    );
    if (ok) {
      setDeactivating(null);
      setReason('');
    }
  };

  const field = (key: keyof MemberForm) => ({
    name: key,
    value: form[key],
    onChange: (value: string) => setForm({ ...form, [key]: value }),
  });

  return (
    <div className="stack roster">
      <section className="card">
        <h2>
          {t('rosterTitle')} {committeeCode && <code>{committeeCode}</code>}
        </h2>
        <CodeLookup
          text="committeeCode"
          name="committeeCode"
          initial={committeeCode}
          placeholder="MC-210202002"
          onShow={(code) => navigate(`/roster/${encodeURIComponent(code)}`)}
        />
        <ProblemBanner error={roster.error} />
        {roster.loading && !r && <p className="muted">{t('loading')}</p>}
        {r && (
          <>
            <p className="muted">
              {label(r.committee?.level, lang)} · {t('version')} {r.version}
            </p>
            <div className="compliance" data-issues={r.compliance.length}>
              <strong>{t('compliance')}</strong>
              {r.compliance.length === 0 ? (
                <p className="ok">✓ {t('compliant')}</p>
              ) : (
                <ul>
                  {r.compliance.map((i) => (
                    <li key={i.code} className="warning" data-code={i.code}>
                      ⚠ {label(i.code, lang)}
                      {lang === 'en' && i.message ? ` (${i.message})` : ''}
                    </li>
                  ))}
                </ul>
              )}
            </div>
            {r.members.length === 0 ? (
              <p>{t('noData')}</p>
            ) : (
              <div className="table-scroll">
                <table className="roster-members">
                  <thead>
                    <tr>
                      <th>{t('memberId')}</th>
                      <th>{t('name')}</th>
                      <th>{t('gender')}</th>
                      <th>{t('committeeRole')}</th>
                      <th>{t('active')}</th>
                      <th>{t('specialitiesShort')}</th>
                      {canEdit && <th />}
                    </tr>
                  </thead>
                  <tbody>
                    {r.members.map((m) => (
                      <tr
                        key={m.memberId}
                        data-member={m.memberId}
                        className={m.active ? '' : 'inactive'}
                      >
                        <td>
                          <code>{m.memberId}</code>
                        </td>
                        <td>{m.name}</td>
                        <td>{label(m.gender, lang)}</td>
                        <td>{label(m.role, lang)}</td>
                        <td>
                          {m.active ? '✓' : t('inactive')}
                          {!m.active && m.deactivationReason && (
                            <div className="muted">{m.deactivationReason}</div>
                          )}
                        </td>
                        <td>{m.specialities.join('、')}</td>
                        {canEdit && (
                          <td className="buttons">
                            <button
                              type="button"
                              className="secondary"
                              data-edit={m.memberId}
                              onClick={() => {
                                setForm({
                                  memberId: m.memberId,
                                  name: m.name,
                                  gender: m.gender,
                                  role: m.role,
                                  specialities: m.specialities.join('，'),
                                });
                                setDeactivating(null);
                              }}
                            >
                              {t('edit')}
                            </button>
                            {m.active && (
                              <button
                                type="button"
                                className="secondary"
                                data-deactivate={m.memberId}
                                onClick={() => {
                                  setDeactivating(m);
                                  setReason('');
                                }}
                              >
                                {t('deactivate')}
                              </button>
                            )}
                          </td>
                        )}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {!canEdit && <p className="muted">{t('readOnly')}</p>}
          </>
        )}
      </section>
      {r && canEdit && (
        <section className="card">
          {command.banner}
          {conflict && (
            <p className="warning" data-conflict="reloaded">
              {t('conflictReloaded')}
            </p>
          )}
          {saved && !error && <p className="ok">{t('saved')}</p>}
          {deactivating && (
            <form onSubmit={deactivate} className="deactivate">
              <h3>
                {t('deactivate')}: {deactivating.name} <code>{deactivating.memberId}</code>
              </h3>
              <InputField
                text="reason"
                name="deactivationReason"
                value={reason}
                onChange={setReason}
              />
              <div className="buttons">
                <button type="submit" disabled={busy}>
                  {t('confirmDeactivate')}
                </button>
                <button type="button" className="secondary" onClick={() => setDeactivating(null)}>
                  {t('cancel')}
                </button>
              </div>
            </form>
          )}
          <form onSubmit={save} className="member-form">
            <h3>{t('addMember')}</h3>
            <div className="row">
              <InputField text="memberId" {...field('memberId')} />
              <InputField text="name" {...field('name')} />
              <SelectField text="gender" {...field('gender')} options={labelled(GENDERS, lang)} />
              <SelectField
                text="committeeRole"
                {...field('role')}
                options={labelled(MEMBER_ROLES, lang)}
              />
            </div>
            <InputField
              text="specialities"
              {...field('specialities')}
              placeholder="婚姻家庭，物业"
            />
            <div className="buttons">
              <button type="submit" disabled={busy}>
                {t('saveMember')}
              </button>
              <button type="button" className="secondary" onClick={() => setForm(emptyForm())}>
                {t('newMember')}
              </button>
            </div>
          </form>
        </section>
      )}
    </div>
  );
}
