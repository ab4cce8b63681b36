import { useContext, useState, type FormEvent } from 'react';
import { api, Problem, tokenClaims } from '../api';
import { ProblemBanner } from '../components/problem-banner';
import { navigate } from '../components/router';
import { LangContext, useT } from '../i18n';
import { CATEGORIES, label, valuesOf } from '../labels';
import { money, yuanToFen } from '../money';
import {
  PartyFields,
  emptyParty,
  toParty,
  validateParties,
  type PartyInput,
} from '../components/party-fields';

const RISK_LEVELS = valuesOf('RISK_LEVEL_');
const RISK_FACTORS = valuesOf('RISK_FACTOR_');

/** Client-side checks mirror the gateway's (which remain the authority); errors are per field. */
export function validateCase(v: {
  orgUnitCode: string;
  category: string;
  description: string;
  parties: PartyInput[];
  channel: string;
  platformLevel: string;
  peopleInvolved?: string;
  amountYuan?: string;
}) {
  const errors: Record<string, string> = {};
  if (!/^\d{6,12}(P\d{2})?$/.test(v.orgUnitCode))
    errors.orgUnitCode = '机构代码格式不正确 / invalid org unit code';
  if (!v.category) errors.category = '请选择类别 / required';
  if (!v.description.trim()) errors.description = '必填 / required';
  if (v.channel === 'CHANNEL_WALK_IN' && !v.platformLevel) errors.platformLevel = '必填 / required';
  if (v.peopleInvolved && !/^[1-9]\d{0,4}$/.test(v.peopleInvolved))
    errors.peopleInvolved = '请填写人数 / a number of people';
  if (v.amountYuan && yuanToFen(v.amountYuan) === null)
    errors.amountInvolved = '以元填写，最多两位小数 / 元, at most two decimals';
  Object.assign(errors, validateParties(v.parties));
  return errors;
}

export function OpenCasePage() {
  const t = useT();
  const { lang } = useContext(LangContext);
  const claims = tokenClaims();
  const [orgUnitCode, setOrgUnitCode] = useState(claims?.org_unit_code ?? '');
  const [category, setCategory] = useState('');
  const [source, setSource] = useState('CASE_SOURCE_PARTY_APPLICATION');
  const [channel, setChannel] = useState('CHANNEL_WALK_IN');
  const [platformLevel, setPlatformLevel] = useState('PLATFORM_LEVEL_COMMUNITY');
  const [description, setDescription] = useState('');
  const [peopleInvolved, setPeopleInvolved] = useState('');
  const [amountYuan, setAmountYuan] = useState('');
  const [riskLevel, setRiskLevel] = useState('');
  const [riskFactors, setRiskFactors] = useState<string[]>([]);
  const [riskNote, setRiskNote] = useState('');
  const [parties, setParties] = useState<PartyInput[]>([
    emptyParty('PARTY_ROLE_APPLICANT'),
    emptyParty('PARTY_ROLE_RESPONDENT'),
  ]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [idempotencyKey] = useState(() => crypto.randomUUID());

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const local = validateCase({
      orgUnitCode,
      category,
      description,
      parties,
      channel,
      platformLevel,
      peopleInvolved,
      amountYuan,
    });
    setErrors(local);
    setProblem(null);
    if (Object.keys(local).length) return;
    setBusy(true);
    try {
      const body = {
        idempotencyKey,
        source,
        channel,
        ...(channel === 'CHANNEL_WALK_IN' ? { platformLevel } : {}),
        orgUnitCode,
        category,
        description,
        ...(peopleInvolved ? { peopleInvolved: Number(peopleInvolved) } : {}),
        ...(amountYuan ? { amountInvolved: money(amountYuan) } : {}),
        ...(riskLevel ? { risk: { level: riskLevel, factors: riskFactors, note: riskNote } } : {}),
        parties: parties.map(toParty),
      };
      const out = await api<{ case?: { caseId: string } }>('POST', '/cases', body);
      navigate(out.case?.caseId ? `/cases/${out.case.caseId}` : '/cases');
    } catch (err) {
      if (err instanceof Problem)
        setErrors(Object.fromEntries(err.errors.map((x) => [x.field, x.description])));
      setProblem(err);
    } finally {
      setBusy(false);
    }
  };

  const err = (field: string) =>
    errors[field] && (
      <span className="field-error" data-field={field}>
        {errors[field]}
      </span>
    );

  return (
    <form className="card form" onSubmit={(e) => void submit(e)} noValidate>
      <h2>{t('openCase')}</h2>
      <ProblemBanner error={problem} />
      <label>
        {t('orgUnit')}
        <input
          name="orgUnitCode"
          value={orgUnitCode}
          onChange={(e) => setOrgUnitCode(e.target.value.trim())}
        />
        {err('orgUnitCode')}
      </label>
      <div className="row">
        <label>
          {t('source')}
          <select name="source" value={source} onChange={(e) => setSource(e.target.value)}>
            {['CASE_SOURCE_PARTY_APPLICATION', 'CASE_SOURCE_COMMITTEE_INITIATIVE'].map((s) => (
              <option key={s} value={s}>
                {label(s, lang)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('channel')}
          <select name="channel" value={channel} onChange={(e) => setChannel(e.target.value)}>
            {['CHANNEL_WALK_IN', 'CHANNEL_HOTLINE_12348', 'CHANNEL_ONLINE'].map((c) => (
              <option key={c} value={c}>
                {label(c, lang)}
              </option>
            ))}
          </select>
        </label>
        {channel === 'CHANNEL_WALK_IN' && (
          <label>
            {t('platformLevel')}
            <select
              name="platformLevel"
              value={platformLevel}
              onChange={(e) => setPlatformLevel(e.target.value)}
            >
              {[
                'PLATFORM_LEVEL_COMMUNITY',
                'PLATFORM_LEVEL_STREET',
                'PLATFORM_LEVEL_DISTRICT',
                'PLATFORM_LEVEL_CITY',
              ].map((l) => (
                <option key={l} value={l}>
                  {label(l, lang)}
                </option>
              ))}
            </select>
            {err('platformLevel')}
          </label>
        )}
      </div>
      <label>
        {t('category')}
        <select name="category" value={category} onChange={(e) => setCategory(e.target.value)}>
          <option value="">—</option>
          {CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {label(c, lang)}
            </option>
          ))}
        </select>
        {err('category')}
      </label>
      <div className="row">
        <label>
          {t('peopleInvolved')}
          <input
            name="peopleInvolved"
            type="number"
            min={1}
            value={peopleInvolved}
            onChange={(e) => setPeopleInvolved(e.target.value.trim())}
          />
          {err('peopleInvolved')}
        </label>
        <label>
          {t('amountInvolved')}
          <input
            name="amountInvolved"
            inputMode="decimal"
            value={amountYuan}
            onChange={(e) => setAmountYuan(e.target.value.trim())}
          />
          {err('amountInvolved')}
        </label>
        <label>
          {t('risk')}
          <select name="riskLevel" value={riskLevel} onChange={(e) => setRiskLevel(e.target.value)}>
            <option value="">—</option>
            {RISK_LEVELS.map((r) => (
              <option key={r} value={r}>
                {label(r, lang)}
              </option>
            ))}
          </select>
          {err('risk.level')}
        </label>
      </div>
      {riskLevel && riskLevel !== 'RISK_LEVEL_NONE' && (
        <fieldset>
          <legend>{t('riskFactors')}</legend>
          <div className="checks">
            {RISK_FACTORS.map((f) => (
              <label key={f} className="inline check">
                <input
                  type="checkbox"
                  name="riskFactors"
                  value={f}
                  checked={riskFactors.includes(f)}
                  onChange={(e) =>
                    setRiskFactors((l) => (e.target.checked ? [...l, f] : l.filter((x) => x !== f)))
                  }
                />
                {label(f, lang)}
              </label>
            ))}
          </div>
          <label>
            {t('riskNote')}
            <input name="riskNote" value={riskNote} onChange={(e) => setRiskNote(e.target.value)} />
          </label>
        </fieldset>
      )}
      <PartyFields parties={parties} onChange={setParties} err={err} />
      <label>
        {t('description')}
        <textarea
          name="description"
          rows={4}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
        {err('description')}
      </label>
      <button type="submit" disabled={busy}>
        {t('submit')}
      </button>
    </form>
  );
}
