import { useContext, type ReactNode } from 'react';
import { LangContext, useT } from '../i18n';
import { label } from '../labels';

/** A party as the case forms take it (a person; the API's kind, role and identity). */
export interface PartyInput {
  role: string;
  name: string;
  phone: string;
  idNumber: string;
}

export const emptyParty = (role: string): PartyInput => ({
  role,
  name: '',
  phone: '',
  idNumber: '',
});

/** The party as the API takes it: the resident ID card when a number is given. */
export const toParty = (p: PartyInput) => ({
  kind: 'PARTY_KIND_PERSON',
  role: p.role,
  name: p.name,
  ...(p.phone ? { phone: p.phone } : {}),
  ...(p.idNumber ? { idType: 'ID_TYPE_RESIDENT_ID_CARD', idNumber: p.idNumber.toUpperCase() } : {}),
});

/** The gateway's checks on parties, per field (it remains the authority). */
export function validateParties(parties: PartyInput[]): Record<string, string> {
  const errors: Record<string, string> = {};
  parties.forEach((p, i) => {
    if (!p.name.trim()) errors[`parties[${i}].name`] = '必填 / required';
    if (p.phone && !/^(1\d{10}|0\d{2,3}-?\d{7,8})$/.test(p.phone))
      errors[`parties[${i}].phone`] = '电话格式不正确 / invalid phone';
    if (p.idNumber && !/^\d{17}[\dXx]$/.test(p.idNumber))
      errors[`parties[${i}].idNumber`] = '身份证号格式不正确 / invalid ID number';
  });
  if (
    !parties.some((p) => p.role === 'PARTY_ROLE_APPLICANT') ||
    !parties.some((p) => p.role === 'PARTY_ROLE_RESPONDENT')
  )
    errors.parties = '至少一名申请人和一名被申请人 / one applicant and one respondent';
  return errors;
}

/**
 * The parties of a case being opened or entrusted: role, name, phone, ID number; add, remove.
 * `short`: the applicant and the respondent by name and phone only (a volunteer's phone form; the
 * committee records ID numbers and further parties later).
 */
export function PartyFields({
  parties,
  onChange,
  err,
  short = false,
}: {
  parties: PartyInput[];
  onChange: (parties: PartyInput[]) => void;
  /** The field's error, if any. */
  err: (field: string) => ReactNode;
  short?: boolean;
}) {
  const t = useT();
  const { lang } = useContext(LangContext);
  const setParty = (i: number, patch: Partial<PartyInput>) =>
    onChange(parties.map((p, j) => (j === i ? { ...p, ...patch } : p)));
  return (
    <fieldset>
      <legend>{t('parties')}</legend>
      {err('parties')}
      {parties.map((p, i) => (
        <div className="party row" key={i}>
          {short ? (
            <span className="party-role">{label(p.role, lang)}</span>
          ) : (
            <select
              aria-label={t('role')}
              value={p.role}
              onChange={(e) => setParty(i, { role: e.target.value })}
            >
              {['PARTY_ROLE_APPLICANT', 'PARTY_ROLE_RESPONDENT', 'PARTY_ROLE_THIRD_PARTY'].map(
                (r) => (
                  <option key={r} value={r}>
                    {label(r, lang)}
                  </option>
                ),
              )}
            </select>
          )}
          <label>
            {t('name')}
            <input
              name={`parties[${i}].name`}
              value={p.name}
              onChange={(e) => setParty(i, { name: e.target.value })}
            />
            {err(`parties[${i}].name`)}
          </label>
          <label>
            {t('phone')}
            <input
              name={`parties[${i}].phone`}
              inputMode="tel"
              value={p.phone}
              onChange={(e) => setParty(i, { phone: e.target.value.trim() })}
            />
            {err(`parties[${i}].phone`)}
          </label>
          {!short && (
            <label>
              {t('idNumber')}
              <input
                name={`parties[${i}].idNumber`}
                value={p.idNumber}
                onChange={(e) => setParty(i, { idNumber: e.target.value.trim() })}
              />
              {err(`parties[${i}].idNumber`)}
            </label>
          )}
          {!short && parties.length > 2 && (
            <button
              type="button"
              className="secondary"
              onClick={() => onChange(parties.filter((_, j) => j !== i))}
            >
              {t('remove')}
            </button>
          )}
        </div>
      ))}
      {!short && (
        <button
          type="button"
          className="secondary"
          onClick={() => onChange([...parties, emptyParty('PARTY_ROLE_THIRD_PARTY')])}
        >
          {t('addParty')}
        </button>
      )}
    </fieldset>
  );
}
