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
  labelled,
} from './form-helpers';
import { allows } from './mediation-detail';
import type { SectionProps } from './section-props';

const REASONS = valuesOf('FAILURE_REASON_');
const REMEDIES = valuesOf('REMEDY_');
const INSTITUTIONS = valuesOf('INSTITUTION_TYPE_');

/**
 * 调解不成 (Law art. 26): why, the other routes the parties were told of (at least one), and
 * optionally a referral to an institution's desk (a stationed lawyer takes it from there).
 */
export function FailureSection({ m, command }: SectionProps) {
  const t = useT();
  const { lang } = useContext(LangContext);
  const { busy, run, banner } = command;
  const [reason, setReason] = useState(REASONS[0]);
  const [remedies, setRemedies] = useState<string[]>(['REMEDY_LITIGATION']);
  const [note, setNote] = useState('');
  const [refer, setRefer] = useState(false);
  const [institution, setInstitution] = useState(INSTITUTIONS[0]);
  const [summary, setSummary] = useState('');
  if (!allows(m, 'fail')) return null;
  const fail = () =>
    run('fail', 'fail', {
      reason,
      remediesTold: remedies,
      note,
      ...(refer
        ? {
            referralRequest: {
              institutionType: institution,
              remedy: remedies[0],
              summary,
            },
          }
        : {}),
    });
  return (
    <section className="card failure" data-section="failure">
      <h2>{t('fail')}</h2>
      <ActionForm className="fail-form" banner={banner('fail')} submit={fail}>
        <SelectField
          text="failureReason"
          name="failureReason"
          value={reason}
          options={labelled(REASONS, lang)}
          onChange={setReason}
        />
        <Checks
          legend="remediesTold"
          name="failRemedies"
          options={labelled(REMEDIES, lang)}
          value={remedies}
          onChange={setRemedies}
        />
        <InputField text="note" name="failNote" value={note} onChange={setNote} />
        <Check name="referOut" checked={refer} onChange={setRefer}>
          {t('referOut')}
        </Check>
        {refer && (
          <div className="row">
            <SelectField
              text="institution"
              name="referInstitution"
              value={institution}
              options={labelled(INSTITUTIONS, lang)}
              onChange={setInstitution}
            />
            <InputField
              text="referralSummary"
              name="referralSummary"
              value={summary}
              onChange={setSummary}
            />
          </div>
        )}
        <Submit action="fail" text="fail" disabled={busy} />
      </ActionForm>
    </section>
  );
}
