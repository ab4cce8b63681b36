import { useContext, useState } from 'react';
import { LangContext, useT } from '../../i18n';
import { label, valuesOf } from '../../labels';
import { ActionForm, Checks, InputField, SelectField, Submit, labelled } from './form-helpers';
import { allows } from './mediation-detail';
import type { SectionProps } from './section-props';

const REJECTION_REASONS = valuesOf('REJECTION_REASON_');
const REMEDIES = valuesOf('REMEDY_');

/**
 * 受理 or 不予受理 while the case awaits the decision: a rejection states the Ministry's reason
 * (rules art. 22) and the other routes the parties were told of.
 */
export function AcceptanceSection({ m, command }: SectionProps) {
  const t = useT();
  const { lang } = useContext(LangContext);
  const { busy, run, banner } = command;
  const [note, setNote] = useState('');
  const [reason, setReason] = useState(REJECTION_REASONS[0]);
  const [remedies, setRemedies] = useState<string[]>([]);
  if (!allows(m, 'accept')) return null;
  const reject = async () => {
    if (await run('decision', 'reject', { reason, remediesTold: remedies, note })) setNote('');
  };
  return (
    <section className="card decision" data-section="decision">
      <h2>{t('decision')}</h2>
      {banner('decision')}
      <ActionForm className="accept-form" submit={() => run('decision', 'accept', { note })}>
        <InputField text="note" name="decisionNote" value={note} onChange={setNote} />
        <Submit action="accept" text="accept" disabled={busy} />
      </ActionForm>
      <ActionForm className="reject-form" title="reject" submit={reject}>
        <SelectField
          text="rejectionReason"
          name="rejectionReason"
          value={reason}
          options={labelled(REJECTION_REASONS, lang)}
          onChange={setReason}
        />
        <Checks
          legend="remediesTold"
          name="rejectRemedies"
          options={REMEDIES.map((r) => ({ id: r, text: label(r, lang) }))}
          value={remedies}
          onChange={setRemedies}
        />
        <Submit action="reject" text="reject" disabled={busy} className="secondary" />
      </ActionForm>
    </section>
  );
}
