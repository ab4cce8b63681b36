import { useContext, useState, type FormEvent } from 'react';
import { api, Problem, tokenClaims } from '../api';
import {
  PartyFields,
  emptyParty,
  toParty,
  validateParties,
  type PartyInput,
} from '../components/party-fields';
import { ProblemBanner } from '../components/problem-banner';
import { navigate } from '../components/router';
import { LangContext, useT } from '../i18n';
import { CATEGORIES, label } from '../labels';
import { money, yuanToFen } from '../money';

/** What an institution may entrust (the gateway's list). */
const KINDS = [
  'REFERRAL_KIND_COURT_PRE_FILING',
  'REFERRAL_KIND_COURT_IN_LITIGATION',
  'REFERRAL_KIND_PETITION_HANDOVER',
  'REFERRAL_KIND_POLICE_HANDOVER',
  'REFERRAL_KIND_PROCURATORATE_HANDOVER',
];

/**
 * The stationed lawyer entrusts a matter of their institution to people's mediation (委派/委托):
 * what kind, the institution's own reference, where the dispute arose, the parties, people and
 * amount (元), the description, the entrusted term and what was handed over. The referral service
 * opens the case; the page then shows the referral.
 */
export function EntrustPage() {
  const t = useT();
  const { lang } = useContext(LangContext);
  const claims = tokenClaims() as { institution_code?: string; desk_code?: string } | null;
  const [kind, setKind] = useState(KINDS[0]);
  const [externalReference, setExternalReference] = useState('');
  const [orgUnitCode, setOrgUnitCode] = useState('');
  const [category, setCategory] = useState(CATEGORIES[0]);
  const [parties, setParties] = useState<PartyInput[]>([
    emptyParty('PARTY_ROLE_APPLICANT'),
    emptyParty('PARTY_ROLE_RESPONDENT'),
  ]);
  const [peopleInvolved, setPeopleInvolved] = useState('');
  const [amountYuan, setAmountYuan] = useState('');
  const [description, setDescription] = useState('');
  const [termDays, setTermDays] = useState('30');
  const [summary, setSummary] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [idempotencyKey] = useState(() => crypto.randomUUID());

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const local = validateParties(parties);
    if (!/^\d{6,12}(P\d{2})?$/.test(orgUnitCode))
      local.orgUnitCode = '机构代码格式不正确 / invalid org unit code';
    if (!description.trim()) local.description = '必填 / required';
    if (amountYuan && yuanToFen(amountYuan) === null)
      local.amountInvolved = '以元填写，最多两位小数 / 元, at most two decimals';
    setErrors(local);
    setProblem(null);
    if (Object.keys(local).length) return;
    setBusy(true);
    try {
      const out = await api<{ referral: { referralId: string } }>('POST', '/referrals/entrust', {
        idempotencyKey,
        kind,
        institutionCode: claims?.institution_code ?? '',
        deskCode: claims?.desk_code ?? '',
        externalReference,
        orgUnitCode,
        category,
        parties: parties.map(toParty),
        ...(peopleInvolved ? { peopleInvolved: Number(peopleInvolved) } : {}),
        ...(amountYuan ? { amountInvolved: money(amountYuan) } : {}),
        description,
        termDays: Number(termDays) || 0,
        ...(summary ? { handover: { summary } } : {}),
      });
      navigate(`/referrals/${encodeURIComponent(out.referral.referralId)}`);
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
    <form className="card form entrust-form" onSubmit={(e) => void submit(e)} noValidate>
      <h2>{t('entrust')}</h2>
      <ProblemBanner error={problem} />
      <div className="row">
        <label>
          {t('kind')}
          <select name="entrustKind" value={kind} onChange={(e) => setKind(e.target.value)}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {label(k, lang)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('institutionReference')}
          <input
            name="externalReference"
            value={externalReference}
            onChange={(e) => setExternalReference(e.target.value)}
          />
        </label>
        <label>
          {t('termDays')}
          <input
            name="termDays"
            type="number"
            min={0}
            value={termDays}
            onChange={(e) => setTermDays(e.target.value)}
          />
        </label>
      </div>
      <div className="row">
        <label>
          {t('orgUnit')}
          <input
            name="orgUnitCode"
            value={orgUnitCode}
            onChange={(e) => setOrgUnitCode(e.target.value.trim())}
          />
          {err('orgUnitCode')}
        </label>
        <label>
          {t('category')}
          <select name="category" value={category} onChange={(e) => setCategory(e.target.value)}>
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {label(c, lang)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('peopleInvolved')}
          <input
            name="peopleInvolved"
            type="number"
            min={1}
            value={peopleInvolved}
            onChange={(e) => setPeopleInvolved(e.target.value.trim())}
          />
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
      </div>
      <PartyFields parties={parties} onChange={setParties} err={err} />
      <label>
        {t('description')}
        <textarea
          name="description"
          rows={3}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
        {err('description')}
      </label>
      <label>
        {t('summary')}
        <input
          name="handoverSummary"
          value={summary}
          onChange={(e) => setSummary(e.target.value)}
        />
      </label>
      <button type="submit" disabled={busy} data-action="entrust">
        {t('entrust')}
      </button>
    </form>
  );
}
