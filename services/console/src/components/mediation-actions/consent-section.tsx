import { useContext, useState } from 'react';
import { LangContext, useT } from '../../i18n';
import { label, valuesOf } from '../../labels';
import { ActionForm, InputField, SelectField, Submit, labelled } from './form-helpers';
import { allows } from './mediation-detail';
import type { SectionProps } from './section-props';

const SUBJECTS = valuesOf('CONSENT_SUBJECT_');
// Online is the party's own act in the parties' app: staff record what they saw or heard.
const METHODS = valuesOf('CONSENT_METHOD_').filter((m) => m !== 'CONSENT_METHOD_ONLINE');

/**
 * A party's consent or refusal (Law art. 17), on what (mediation itself, the mediator, inviting
 * others, a public session, a longer term) and how it was given. Refusing mediation itself stops
 * it. The consents recorded so far are listed.
 */
export function ConsentSection({ m, parties, partyName, partyOptions, command }: SectionProps) {
  const t = useT();
  const { lang } = useContext(LangContext);
  const { busy, run, banner } = command;
  const [subject, setSubject] = useState(SUBJECTS[0]);
  const [method, setMethod] = useState(METHODS[0]);
  const [subjectRef, setSubjectRef] = useState('');
  const [days, setDays] = useState('30');
  const [note, setNote] = useState('');
  const [refusingParty, setRefusingParty] = useState('');
  const [refusalReason, setRefusalReason] = useState('');
  if (!allows(m, 'consents')) return null;
  const needsRef = ['CONSENT_SUBJECT_MEDIATOR', 'CONSENT_SUBJECT_PARTICIPANT'].includes(subject);
  const extension = subject === 'CONSENT_SUBJECT_TERM_EXTENSION';
  const common = { subject, method, subjectRef: needsRef ? subjectRef.trim() : '' };
  const consent = (partyId: string) =>
    run('consent', 'consents', {
      ...common,
      partyId,
      note,
      ...(extension ? { termExtensionDays: Number(days) || 0 } : {}),
    });
  const refuse = async () => {
    const ok = await run('consent', 'refusals', {
      ...common,
      partyId: refusingParty || parties[0]?.partyId,
      reason: refusalReason,
    });
    if (ok) setRefusalReason('');
  };
  const recorded = m.consents ?? [];
  return (
    <section className="card consents" data-section="consents">
      <h2>{t('consentsTitle')}</h2>
      {banner('consent')}
      {recorded.length > 0 && (
        <ul className="consents-recorded">
          {recorded.map((c, i) => (
            <li key={i} data-party={c.partyId} data-given={c.given !== false}>
              {partyName(c.partyId)}: {c.given === false ? '✗' : '✓'} {label(c.subject, lang)} (
              {label(c.method, lang)})
            </li>
          ))}
        </ul>
      )}
      <div className="row">
        <SelectField
          text="consentSubject"
          name="consentSubject"
          value={subject}
          options={labelled(SUBJECTS, lang)}
          onChange={setSubject}
        />
        <SelectField
          text="consentMethod"
          name="consentMethod"
          value={method}
          options={labelled(METHODS, lang)}
          onChange={setMethod}
        />
        {needsRef && (
          <InputField
            text="consentRef"
            name="consentRef"
            value={subjectRef}
            onChange={setSubjectRef}
          />
        )}
        {extension && (
          <InputField
            text="extensionDays"
            name="extensionDays"
            type="number"
            min={1}
            value={days}
            onChange={setDays}
          />
        )}
      </div>
      <InputField text="note" name="consentNote" value={note} onChange={setNote} />
      <div className="row buttons">
        {parties.map((p) => (
          <button
            key={p.partyId}
            type="button"
            className="secondary"
            data-consent={p.partyId}
            disabled={busy}
            onClick={() => void consent(p.partyId)}
          >
            {t('consent')}: {p.name ?? partyName(p.partyId)}
          </button>
        ))}
      </div>
      <ActionForm className="refusal-form" title="refusal" submit={refuse}>
        <div className="row">
          <SelectField
            text="party"
            name="refusingParty"
            value={refusingParty || parties[0]?.partyId || ''}
            options={partyOptions}
            onChange={setRefusingParty}
          />
          <InputField
            text="refusalReason"
            name="refusalReason"
            value={refusalReason}
            onChange={setRefusalReason}
          />
        </div>
        <Submit action="refusal" text="refusal" disabled={busy} className="secondary" />
      </ActionForm>
    </section>
  );
}
