import { useContext, useState, type FormEvent } from 'react';
import { api, isVolunteer, tokenClaims } from '../api';
import {
  Check,
  InputField,
  SelectField,
  labelled,
  toggle,
  TextAreaField,
} from '../components/mediation-actions/form-helpers';
import { InvolvedFields } from '../components/involved-fields';
import { navigate } from '../components/router';
import { useFormSubmit } from '../components/use-form-submit';
import { LangContext, useT } from '../i18n';
import { CATEGORIES, label, valuesOf } from '../labels';
import { money } from '../money';
import { validateCaseFacts } from './case-checks';
import { PartyFields, emptyParty, toParty, type PartyInput } from '../components/party-fields';

const SOURCES = ['CASE_SOURCE_PARTY_APPLICATION', 'CASE_SOURCE_COMMITTEE_INITIATIVE'];
const CHANNELS = ['CHANNEL_WALK_IN', 'CHANNEL_HOTLINE_12348', 'CHANNEL_ONLINE'];
const PLATFORM_LEVELS = [
  'PLATFORM_LEVEL_COMMUNITY',
  'PLATFORM_LEVEL_STREET',
  'PLATFORM_LEVEL_DISTRICT',
  'PLATFORM_LEVEL_CITY',
];
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
  const errors = validateCaseFacts(v);
  if (!v.category) errors.category = '请选择类别 / required';
  if (v.channel === 'CHANNEL_WALK_IN' && !v.platformLevel) errors.platformLevel = '必填 / required';
  if (v.peopleInvolved && !/^[1-9]\d{0,4}$/.test(v.peopleInvolved))
    errors.peopleInvolved = '请填写人数 / a number of people';
  return errors;
}

/**
 * 登记纠纷. A volunteer gets the short form built for a phone: what kind, who (names and phones),
 * what happened and the risk; where (their own point), source, channel, people and amount fold
 * under "more".
 */
export function OpenCasePage() {
  const t = useT();
  const { lang } = useContext(LangContext);
  const claims = tokenClaims();
  const short = isVolunteer();
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
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const form = useFormSubmit();
  const { err } = form;

  const submit = (e: FormEvent) => {
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
    return form.submit(async () => {
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
    }, local);
  };

  const where = (
    <>
      <InputField
        text="orgUnit"
        name="orgUnitCode"
        value={orgUnitCode}
        onChange={(v) => setOrgUnitCode(v.trim())}
        error={err('orgUnitCode')}
      />
      <div className="row">
        <SelectField
          text="source"
          name="source"
          value={source}
          options={labelled(SOURCES, lang)}
          onChange={setSource}
        />
        <SelectField
          text="channel"
          name="channel"
          value={channel}
          options={labelled(CHANNELS, lang)}
          onChange={setChannel}
        />
        {channel === 'CHANNEL_WALK_IN' && (
          <SelectField
            text="platformLevel"
            name="platformLevel"
            value={platformLevel}
            options={labelled(PLATFORM_LEVELS, lang)}
            onChange={setPlatformLevel}
            error={err('platformLevel')}
          />
        )}
      </div>
    </>
  );
  const involved = (
    <InvolvedFields
      people={peopleInvolved}
      amountYuan={amountYuan}
      onPeople={setPeopleInvolved}
      onAmountYuan={setAmountYuan}
      peopleError={err('peopleInvolved')}
      amountError={err('amountInvolved')}
    />
  );
  const riskLevelField = (
    <SelectField
      text="risk"
      name="riskLevel"
      value={riskLevel}
      options={labelled(RISK_LEVELS, lang)}
      onChange={setRiskLevel}
      blank
      error={err('risk.level')}
    />
  );
  const riskFactorsField = riskLevel && riskLevel !== 'RISK_LEVEL_NONE' && (
    <fieldset>
      <legend>{t('riskFactors')}</legend>
      <div className="checks">
        {RISK_FACTORS.map((f) => (
          <Check
            key={f}
            name="riskFactors"
            value={f}
            checked={riskFactors.includes(f)}
            onChange={(on) => setRiskFactors((l) => toggle(l, f, on))}
          >
            {label(f, lang)}
          </Check>
        ))}
      </div>
      <InputField text="riskNote" name="riskNote" value={riskNote} onChange={setRiskNote} />
    </fieldset>
  );
  const categoryField = (
    <SelectField
      text="category"
      name="category"
      value={category}
      options={labelled(CATEGORIES, lang)}
      onChange={setCategory}
      blank
      error={err('category')}
    />
  );
  const descriptionField = (
    <TextAreaField
      text="description"
      name="description"
      rows={4}
      value={description}
      onChange={setDescription}
      error={err('description')}
    />
  );
  const send = (
    <button type="submit" disabled={form.busy}>
      {t('submit')}
    </button>
  );

  if (short)
    return (
      <form
        className="card form short-form"
        data-form="short"
        onSubmit={(e) => void submit(e)}
        noValidate
      >
        <h2>{t('openCase')}</h2>
        {form.banner}
        {categoryField}
        <PartyFields parties={parties} onChange={setParties} err={err} short />
        {descriptionField}
        {riskLevelField}
        {riskFactorsField}
        {/* Open when a field inside it is wrong, so that its error shows. */}
        <details
          className="more"
          open={Boolean(err('orgUnitCode') || err('peopleInvolved') || err('amountInvolved'))}
        >
          <summary>{t('moreDetails')}</summary>
          {where}
          <div className="row">{involved}</div>
        </details>
        {send}
      </form>
    );
  return (
    <form className="card form" onSubmit={(e) => void submit(e)} noValidate>
      <h2>{t('openCase')}</h2>
      {form.banner}
      {where}
      {categoryField}
      <div className="row">
        {involved}
        {riskLevelField}
      </div>
      {riskFactorsField}
      <PartyFields parties={parties} onChange={setParties} err={err} />
      {descriptionField}
      {send}
    </form>
  );
}
