import { useContext, useState } from 'react';
import { LangContext, useT } from '../../i18n';
import { valuesOf } from '../../labels';
import {
  ActionForm,
  Check,
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
import { allows, type MediationDetail } from './mediation-detail';
import {
  ObligationEditor,
  amountsValid,
  newObligation,
  toObligation,
  type ObligationDraft,
} from './obligation-editor';
import type { SectionProps } from './section-props';

const FORMS = valuesOf('AGREEMENT_FORM_');
const PARTY_KINDS = valuesOf('PARTY_KIND_');
const ID_TYPES = valuesOf('ID_TYPE_');
const STATUS_MATTERS = valuesOf('STATUS_MATTER_');

/** A party as the 调解协议书 names it (art. 29: name, identity document, address). */
interface Particulars {
  name: string;
  kind: string;
  idType: string;
  idNumber: string;
  address: string;
}

/** The agreement put to the parties to sign online: who has signed it, who not yet. */
function ProposalState({
  p,
  partyName,
  when,
}: {
  p: NonNullable<MediationDetail['agreementProposal']>;
  partyName: (id: string) => string;
  when: (s: string | null) => string;
}) {
  const t = useT();
  const signedAt = (id: string) =>
    p.signatures?.find((s) => s.partyId === id && s.contentHash === p.contentHash)?.signedAt ??
    null;
  return (
    <div className="proposal" data-proposal={p.proposalId}>
      <h3>{t('proposalTitle')}</h3>
      <p className="hint">
        {t('proposalSent')}: {when(p.proposedAt)}
      </p>
      <ul>
        {p.partyIds.map((id) => (
          <li key={id} data-signed={!!signedAt(id)}>
            {partyName(id)}:{' '}
            {signedAt(id)
              ? `${t('proposalSignedBy')} ${when(signedAt(id))}`
              : t('proposalAwaiting')}
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * 调解协议: written (art. 29, signed by the parties) or oral (art. 28, effective at once), with
 * facts, issues, responsibilities, the obligations (amounts typed in 元, instalments with due
 * dates: they start the performance deadlines) and other terms, and the parties' particulars
 * that the agreement document prints.
 */
export function AgreementSection({
  m,
  parties,
  partyOptions,
  partyName,
  when,
  command,
}: SectionProps) {
  const t = useT();
  const { lang } = useContext(LangContext);
  const { busy, run, banner } = command;
  const [form, setForm] = useState(FORMS[0]);
  const [facts, setFacts] = useState('');
  const [issues, setIssues] = useState('');
  const [responsibilities, setResponsibilities] = useState('');
  const [terms, setTerms] = useState('');
  const [obligations, setObligations] = useState<ObligationDraft[]>([]);
  const [effectiveAt, setEffectiveAt] = useState('');
  const [signed, setSigned] = useState<string[] | null>(null);
  const [matters, setMatters] = useState<string[]>([]);
  const [particulars, setParticulars] = useState<Record<string, Partial<Particulars>>>({});
  const [badAmount, setBadAmount] = useState(false);
  const [online, setOnline] = useState(false);
  if (!allows(m, 'agreement')) return null;

  const written = form === 'AGREEMENT_FORM_WRITTEN';
  // Signed online by the parties: they sign in the party app, so no signatures or date here.
  const toSign = written && online;
  const everyone = parties.map((p) => p.partyId);
  const partyOf = (id: string): Particulars => ({
    name: parties.find((p) => p.partyId === id)?.name ?? '',
    kind: PARTY_KINDS[0],
    idType: ID_TYPES[0],
    idNumber: '',
    address: '',
    ...particulars[id],
  });
  const setParty = (id: string, patch: Partial<Particulars>) =>
    setParticulars((all) => ({ ...all, [id]: { ...all[id], ...patch } }));
  const applicant = parties.find((p) => p.role === 'PARTY_ROLE_APPLICANT')?.partyId ?? '';
  const respondent = parties.find((p) => p.role === 'PARTY_ROLE_RESPONDENT')?.partyId ?? '';

  const submit = async () => {
    if (!amountsValid(obligations)) return setBadAmount(true);
    setBadAmount(false);
    const text = {
      facts,
      issues,
      responsibilities,
      terms: { obligations: obligations.map(toObligation), otherTerms: terms },
      // Only the parties whose particulars were written down; the document names them.
      parties: parties
        .map((p) => ({ partyId: p.partyId, role: p.role, ...partyOf(p.partyId) }))
        .filter((p) => p.idNumber.trim() && p.address.trim()),
      statusMatters: matters,
    };
    const ok = toSign
      ? await run('agreement', 'agreement-proposal', text)
      : await run('agreement', 'agreement', {
          form,
          ...text,
          ...(written && effectiveAt ? { effectiveAt: iso(effectiveAt) } : {}),
          signedPartyIds: written ? (signed ?? everyone) : [],
        });
    if (ok) setObligations([]);
  };

  return (
    <section className="card agreement" data-section="agreement">
      <h2>{t('agreement')}</h2>
      {m.agreementProposal?.proposalId && (
        <ProposalState p={m.agreementProposal} partyName={partyName} when={when} />
      )}
      <ActionForm className="agreement-form" banner={banner('agreement')} submit={submit}>
        {badAmount && (
          <div className="problem" role="alert" data-status="local">
            {t('badAmount')}
          </div>
        )}
        <div className="row">
          <SelectField
            text="agreementForm"
            name="agreementForm"
            value={form}
            options={labelled(FORMS, lang)}
            onChange={setForm}
          />
          {written && !toSign && (
            <TimeField
              text="effectiveAt"
              name="effectiveAt"
              value={effectiveAt || localInput(new Date())}
              onChange={setEffectiveAt}
            />
          )}
        </div>
        <TextAreaField text="facts" name="facts" rows={2} value={facts} onChange={setFacts} />
        <TextAreaField text="issues" name="issues" rows={2} value={issues} onChange={setIssues} />
        <TextAreaField
          text="responsibilities"
          name="responsibilities"
          rows={2}
          value={responsibilities}
          onChange={setResponsibilities}
        />
        <h3>{t('obligations')}</h3>
        {obligations.map((o, i) => (
          <ObligationEditor
            key={i}
            index={i}
            value={o}
            parties={partyOptions}
            onChange={(next) => setObligations((l) => l.map((x, n) => (n === i ? next : x)))}
            onRemove={() => setObligations((l) => l.filter((_, n) => n !== i))}
          />
        ))}
        <button
          type="button"
          className="secondary"
          data-action="add-obligation"
          onClick={() => setObligations((l) => [...l, newObligation(respondent, applicant)])}
        >
          {t('addObligation')}
        </button>
        <TextAreaField text="terms" name="terms" rows={2} value={terms} onChange={setTerms} />
        {written && (
          <div className="sign-online">
            <Check name="signOnline" checked={online} onChange={setOnline}>
              {t('signOnline')}
            </Check>
            {online && <p className="hint">{t('signOnlineHint')}</p>}
          </div>
        )}
        {written && !toSign && (
          <Checks
            legend="signedBy"
            name="signedBy"
            options={partyOptions}
            value={signed ?? everyone}
            onChange={setSigned}
          />
        )}
        <Checks
          legend="statusMatters"
          name="statusMatters"
          options={labelled(STATUS_MATTERS, lang)}
          value={matters}
          onChange={setMatters}
        />
        <fieldset className="particulars">
          <legend>{t('particulars')}</legend>
          {parties.map((p) => {
            const x = partyOf(p.partyId);
            const name = (field: string) => `particulars.${p.partyId}.${field}`;
            return (
              <div className="row" key={p.partyId} data-particulars={p.partyId}>
                <InputField
                  text="name"
                  name={name('name')}
                  value={x.name}
                  onChange={(v) => setParty(p.partyId, { name: v })}
                />
                <SelectField
                  text="partyKind"
                  name={name('kind')}
                  value={x.kind}
                  options={labelled(PARTY_KINDS, lang)}
                  onChange={(v) => setParty(p.partyId, { kind: v })}
                />
                <SelectField
                  text="idType"
                  name={name('idType')}
                  value={x.idType}
                  options={labelled(ID_TYPES, lang)}
                  onChange={(v) => setParty(p.partyId, { idType: v })}
                />
                <InputField
                  text="idNumber"
                  name={name('idNumber')}
                  value={x.idNumber}
                  onChange={(v) => setParty(p.partyId, { idNumber: v })}
                />
                <InputField
                  text="address"
                  name={name('address')}
                  value={x.address}
                  onChange={(v) => setParty(p.partyId, { address: v })}
                />
              </div>
            );
          })}
        </fieldset>
        <Submit
          action={toSign ? 'agreement-proposal' : 'agreement'}
          text={toSign ? 'proposeAgreement' : 'agreement'}
          disabled={busy}
        />
      </ActionForm>
    </section>
  );
}
