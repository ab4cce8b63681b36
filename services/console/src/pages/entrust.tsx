import { useContext, useState, type FormEvent } from 'react';
import { api, tokenClaims } from '../api';
import {
  InputField,
  SelectField,
  Submit,
  labelled,
  TextAreaField,
} from '../components/mediation-actions/form-helpers';
import { PartyFields, emptyParty, toParty, type PartyInput } from '../components/party-fields';
import { InvolvedFields } from '../components/involved-fields';
import { navigate } from '../components/router';
import { useFormSubmit } from '../components/use-form-submit';
import { LangContext, useT } from '../i18n';
import { CATEGORIES } from '../labels';
import { money } from '../money';
import { validateCaseFacts } from './case-checks';

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
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const form = useFormSubmit();
  const { err } = form;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const local = validateCaseFacts({ orgUnitCode, description, parties, amountYuan });
    return form.submit(async () => {
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
    }, local);
  };

  return (
    <form className="card form entrust-form" onSubmit={(e) => void submit(e)} noValidate>
      <h2>{t('entrust')}</h2>
      {form.banner}
      <div className="row">
        <SelectField
          text="kind"
          name="entrustKind"
          value={kind}
          options={labelled(KINDS, lang)}
          onChange={setKind}
        />
        <InputField
          text="institutionReference"
          name="externalReference"
          value={externalReference}
          onChange={setExternalReference}
        />
        <InputField
          text="termDays"
          name="termDays"
          type="number"
          min={0}
          value={termDays}
          onChange={setTermDays}
        />
      </div>
      <div className="row">
        <InputField
          text="orgUnit"
          name="orgUnitCode"
          value={orgUnitCode}
          onChange={(v) => setOrgUnitCode(v.trim())}
          error={err('orgUnitCode')}
        />
        <SelectField
          text="category"
          name="category"
          value={category}
          options={labelled(CATEGORIES, lang)}
          onChange={setCategory}
        />
        <InvolvedFields
          people={peopleInvolved}
          amountYuan={amountYuan}
          onPeople={setPeopleInvolved}
          onAmountYuan={setAmountYuan}
          amountError={err('amountInvolved')}
        />
      </div>
      <PartyFields parties={parties} onChange={setParties} err={err} />
      <TextAreaField
        text="description"
        name="description"
        rows={3}
        value={description}
        onChange={setDescription}
        error={err('description')}
      />
      <InputField text="summary" name="handoverSummary" value={summary} onChange={setSummary} />
      <Submit action="entrust" text="entrust" disabled={form.busy} />
    </form>
  );
}
