import { useContext, useState } from 'react';
import { LangContext, useT } from '../../i18n';
import { label } from '../../labels';
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
} from './form-helpers';
import { statusIs, type MediationDetail } from './mediation-detail';
import type { SectionProps } from './section-props';

const STATUS = 'JUDICIAL_CONFIRMATION_STATUS_';
const RESULT = 'JUDICIAL_CONFIRMATION_RESULT_';

/** The competent basic court by the directory's code scheme (CRT- + district), as a default. */
function defaultCourt(m: MediationDetail): string {
  if (m.entrustedBy?.type === 'INSTITUTION_TYPE_COURT') return m.entrustedBy.code;
  const unit = m.committee?.orgUnitCode || m.orgUnit?.code || '';
  return unit.length >= 9 ? `CRT-${unit.slice(0, 6)}` : '';
}

/**
 * Judicial confirmation, once agreed (or once requested): the parties' joint application (court,
 * date, applicants), then the court's results as they come (accepted with its number, confirmed
 * or not, withdrawn).
 */
export function ConfirmationSection({ m, partyOptions, parties, when, command }: SectionProps) {
  const t = useT();
  const { lang } = useContext(LangContext);
  const { busy, run, banner } = command;
  const agreed = statusIs(m, 'AGREED');
  const principals = parties
    .filter((p) => p.role === 'PARTY_ROLE_APPLICANT' || p.role === 'PARTY_ROLE_RESPONDENT')
    .map((p) => p.partyId);
  const jc = m.judicialConfirmation;
  const jcStatus =
    jc?.status && !jc.status.endsWith('_UNSPECIFIED') ? jc.status : `${STATUS}NOT_REQUESTED`;
  const canRequest =
    agreed && ![`${STATUS}REQUESTED`, `${STATUS}ACCEPTED`, `${STATUS}CONFIRMED`].includes(jcStatus);
  const results =
    jcStatus === `${STATUS}REQUESTED`
      ? ['ACCEPTED', 'NOT_ACCEPTED', 'WITHDRAWN']
      : jcStatus === `${STATUS}ACCEPTED`
        ? ['CONFIRMED', 'NOT_CONFIRMED', 'WITHDRAWN']
        : [];

  // --- request ---
  const [court, setCourt] = useState(() => defaultCourt(m));
  const [appliedAt, setAppliedAt] = useState(() => localInput(new Date()));
  const [applicants, setApplicants] = useState<string[] | null>(null);
  const [jcNote, setJcNote] = useState('');
  const requestConfirmation = () =>
    run('jc', 'judicial-confirmation', {
      courtCode: court.trim(),
      appliedAt: iso(appliedAt),
      applicantPartyIds: applicants ?? principals,
      note: jcNote,
    });

  // --- the court's result ---
  const [result, setResult] = useState('');
  const [number, setNumber] = useState('');
  const [decidedAt, setDecidedAt] = useState(() => localInput(new Date()));
  const [extended, setExtended] = useState(false);
  const chosenResult = `${RESULT}${result || results[0]}`;
  const accepted = chosenResult === `${RESULT}ACCEPTED`;
  const recordResult = async () => {
    const ok = await run('jc', 'confirmation', {
      result: chosenResult,
      confirmationNumber: number.trim(),
      decidedAt: iso(decidedAt),
      decisionTermExtended: extended,
      note: jcNote,
    });
    if (ok) setResult('');
  };

  if (!agreed && jcStatus === `${STATUS}NOT_REQUESTED`) return null;
  return (
    <section className="card confirmation" data-section="confirmation" data-status={jcStatus}>
      <h2>{t('judicialConfirmation')}</h2>
      <p>
        <strong>{label(jcStatus, lang)}</strong>
        {jc?.court?.code && ` · ${jc.court.code}`}
        {jc?.confirmationNumber && (
          <>
            {' · '}
            {t('confirmationNumber')} <code>{jc.confirmationNumber}</code>
          </>
        )}
        {jc?.appliedAt && ` · ${t('appliedAt')} ${when(jc.appliedAt)}`}
        {jc?.decidedAt && ` · ${t('decidedAt')} ${when(jc.decidedAt)}`}
      </p>
      {banner('jc')}
      {canRequest && (
        <ActionForm
          className="jc-request-form"
          title="requestConfirmation"
          submit={requestConfirmation}
        >
          <div className="row">
            <InputField
              text="court"
              name="courtCode"
              value={court}
              placeholder="CRT-210202"
              onChange={setCourt}
            />
            <TimeField
              text="appliedAt"
              name="appliedAt"
              value={appliedAt}
              onChange={setAppliedAt}
            />
          </div>
          <Checks
            legend="applicants"
            name="applicants"
            options={partyOptions}
            value={applicants ?? principals}
            onChange={setApplicants}
          />
          <InputField text="note" name="jcNote" value={jcNote} onChange={setJcNote} />
          <Submit action="request-confirmation" text="requestConfirmation" disabled={busy} />
        </ActionForm>
      )}
      {agreed && results.length > 0 && (
        <ActionForm className="jc-result-form" title="recordCourtResult" submit={recordResult}>
          <div className="row">
            <SelectField
              text="courtResult"
              name="courtResult"
              value={chosenResult}
              onChange={(v) => setResult(v.replace(RESULT, ''))}
              options={labelled(
                results.map((r) => `${RESULT}${r}`),
                lang,
              )}
            />
            {accepted && (
              <InputField
                text="confirmationNumber"
                name="confirmationNumber"
                value={number}
                placeholder="（2026）辽0202民特123号"
                onChange={setNumber}
              />
            )}
            <TimeField
              text="decidedAt"
              name="decidedAt"
              value={decidedAt}
              onChange={setDecidedAt}
            />
          </div>
          {accepted && (
            <Check name="decisionTermExtended" checked={extended} onChange={setExtended}>
              {t('termExtended')}
            </Check>
          )}
          <Submit action="record-confirmation" text="recordCourtResult" disabled={busy} />
        </ActionForm>
      )}
    </section>
  );
}
