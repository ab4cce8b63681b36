import { useContext, useState } from 'react';
import { isVolunteer } from '../../api';
import { LangContext, useT } from '../../i18n';
import { valuesOf } from '../../labels';
import { ActionForm, InputField, SelectField, Submit, labelled } from './form-helpers';
import { allows } from './mediation-detail';
import type { SectionProps } from './section-props';

const ESCALATION_REASONS = valuesOf('ESCALATION_REASON_');

/**
 * Handing the case on while it is open: escalation one level up (or to a named committee) with
 * its reason, or a transfer sideways with a written reason. The receiving committee accepts anew.
 * A volunteer hands the point's case to the community committee above it: the reason and a note,
 * no target to type and no transfer.
 */
export function HandoverSection({ m, command }: SectionProps) {
  const t = useT();
  const { lang } = useContext(LangContext);
  const { busy, run, banner } = command;
  const [reason, setReason] = useState(ESCALATION_REASONS[0]);
  const [target, setTarget] = useState('');
  const [note, setNote] = useState('');
  const [transferTo, setTransferTo] = useState('');
  const [transferReason, setTransferReason] = useState('');
  if (!allows(m, 'escalate')) return null;
  const escalate = async () => {
    const ok = await run('handover', 'escalate', {
      reason,
      note,
      targetCommitteeCode: target.trim(),
    });
    if (ok) {
      setTarget('');
      setNote('');
    }
  };
  const transfer = async () => {
    const ok = await run('handover', 'transfer', {
      targetCommitteeCode: transferTo.trim(),
      reason: transferReason,
    });
    if (ok) {
      setTransferTo('');
      setTransferReason('');
    }
  };
  const reasonField = (
    <SelectField
      text="escalationReason"
      name="escalationReason"
      value={reason}
      options={labelled(ESCALATION_REASONS, lang)}
      onChange={setReason}
    />
  );
  const noteField = (
    <InputField text="note" name="escalationNote" value={note} onChange={setNote} />
  );
  if (isVolunteer())
    return (
      <section className="card handover" data-section="handover">
        <h2>{t('handToCommunity')}</h2>
        {banner('handover')}
        <ActionForm className="escalate-form" submit={escalate}>
          {reasonField}
          {noteField}
          <Submit action="hand-to-community" text="handToCommunity" disabled={busy} />
        </ActionForm>
      </section>
    );
  return (
    <section className="card handover" data-section="handover">
      <h2>{t('handover')}</h2>
      {banner('handover')}
      <ActionForm className="escalate-form" title="escalate" submit={escalate}>
        <div className="row">
          {reasonField}
          <InputField
            text="targetCommitteeOptional"
            name="escalationTarget"
            value={target}
            onChange={setTarget}
          />
        </div>
        {noteField}
        <Submit action="escalate" text="escalate" disabled={busy} />
      </ActionForm>
      <ActionForm className="transfer-form" title="transfer" submit={transfer}>
        <div className="row">
          <InputField
            text="targetCommittee"
            name="transferTarget"
            value={transferTo}
            onChange={setTransferTo}
          />
          <InputField
            text="reason"
            name="transferReason"
            value={transferReason}
            onChange={setTransferReason}
          />
        </div>
        <Submit action="transfer" text="transfer" disabled={busy} className="secondary" />
      </ActionForm>
    </section>
  );
}
