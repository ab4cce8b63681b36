import { useContext, useState } from 'react';
import { LangContext, useT } from '../../i18n';
import { label, valuesOf } from '../../labels';
import { ActionForm, InputField, SelectField, Submit, labelled } from './form-helpers';
import { allows, statusIs, type MediationDetail } from './mediation-detail';
import type { SectionProps } from './section-props';

const REOPEN_REASONS = valuesOf('REOPEN_REASON_');
const AGREED_OUTCOMES = [
  'CLOSURE_OUTCOME_AGREEMENT_PERFORMED',
  'CLOSURE_OUTCOME_AGREEMENT_CONFIRMED',
];

/** The outcomes a closure may state by the status it closes (the mediation service's CLOSABLE_AS). */
const CLOSABLE_AS: Record<string, string[]> = {
  MEDIATION_STATUS_AGREED: AGREED_OUTCOMES,
  MEDIATION_STATUS_FAILED: ['CLOSURE_OUTCOME_FAILED', 'CLOSURE_OUTCOME_REFERRED_OUT'],
  MEDIATION_STATUS_REJECTED: ['CLOSURE_OUTCOME_REJECTED'],
  MEDIATION_STATUS_STOPPED_BY_REFUSAL: ['CLOSURE_OUTCOME_STOPPED_BY_REFUSAL'],
  MEDIATION_STATUS_WITHDRAWN: ['CLOSURE_OUTCOME_WITHDRAWN'],
};

/** Only a mediation that reached an agreement reopens (closed: it closed on its agreement). */
const reopenable = (m: MediationDetail) =>
  statusIs(m, 'AGREED') ||
  (statusIs(m, 'CLOSED') && AGREED_OUTCOMES.includes(m.closure?.outcome ?? ''));

/**
 * The end of a mediation: the parties' satisfaction (1 to 5), closing with the outcome its status
 * allows (and the harm it prevented, for the statistics), and reopening an agreed one when the
 * agreement was not performed or the dispute came back.
 */
export function ClosingSection({ m, parties, partyName, partyOptions, command }: SectionProps) {
  const t = useT();
  const { lang } = useContext(LangContext);
  const { busy, run, banner } = command;
  const [party, setParty] = useState('');
  const [score, setScore] = useState('5');
  const [comment, setComment] = useState('');
  const [outcome, setOutcome] = useState('');
  const [criminal, setCriminal] = useState('0');
  const [petition, setPetition] = useState('0');
  const [closeNote, setCloseNote] = useState('');
  const [reason, setReason] = useState(REOPEN_REASONS[0]);
  const [reopenNote, setReopenNote] = useState('');
  const canRate = allows(m, 'satisfaction');
  const canClose = allows(m, 'close');
  const canReopen = reopenable(m);
  if (!canRate && !canClose && !canReopen) return null;
  const outcomes = CLOSABLE_AS[m.status] ?? [];
  const chosenOutcome = outcomes.includes(outcome) ? outcome : (outcomes[0] ?? '');
  const partyId = party || parties[0]?.partyId || '';
  const rate = async () => {
    if (await run('closing', 'satisfaction', { partyId, score: Number(score), comment }))
      setComment('');
  };
  const persons = (n: string) => Math.max(0, Math.trunc(Number(n) || 0));
  const close = () =>
    run('closing', 'close', {
      outcome: chosenOutcome,
      preventedCriminalEscalation: persons(criminal) > 0,
      preventedCriminalEscalationPersons: persons(criminal),
      preventedMassPetition: persons(petition) > 0,
      preventedMassPetitionPersons: persons(petition),
      note: closeNote,
    });
  const reopen = () => run('closing', 'reopen', { reason, note: reopenNote });
  const scores = m.satisfaction ?? [];
  return (
    <section className="card closing" data-section="closing">
      <h2>{t('closeTitle')}</h2>
      {banner('closing')}
      {scores.length > 0 && (
        <ul className="satisfaction">
          {scores.map((s, i) => (
            <li key={i} data-party={s.partyId} data-score={s.score}>
              {partyName(s.partyId)}: {'★'.repeat(s.score)}
              {'☆'.repeat(5 - s.score)} {s.comment}
            </li>
          ))}
        </ul>
      )}
      {canRate && (
        <ActionForm className="satisfaction-form" title="satisfaction" submit={rate}>
          <div className="row">
            <SelectField
              text="party"
              name="satisfactionParty"
              value={partyId}
              options={partyOptions}
              onChange={setParty}
            />
            <SelectField
              text="score"
              name="score"
              value={score}
              options={['5', '4', '3', '2', '1'].map((s) => ({
                id: s,
                text: `${s} ${'★'.repeat(Number(s))}`,
              }))}
              onChange={setScore}
            />
            <InputField
              text="comment"
              name="satisfactionComment"
              value={comment}
              onChange={setComment}
            />
          </div>
          <Submit
            action="satisfaction"
            text="recordSatisfaction"
            disabled={busy}
            className="secondary"
          />
        </ActionForm>
      )}
      {canClose && (
        <ActionForm className="close-form" title="close" submit={close}>
          <div className="row">
            <SelectField
              text="closureOutcome"
              name="closureOutcome"
              value={chosenOutcome}
              options={labelled(outcomes, lang)}
              onChange={setOutcome}
            />
            <InputField
              text="preventedCriminal"
              name="preventedCriminal"
              type="number"
              min={0}
              value={criminal}
              onChange={setCriminal}
            />
            <InputField
              text="preventedPetition"
              name="preventedPetition"
              type="number"
              min={0}
              value={petition}
              onChange={setPetition}
            />
          </div>
          <InputField text="note" name="closeNote" value={closeNote} onChange={setCloseNote} />
          <Submit action="close" text="close" disabled={busy} />
        </ActionForm>
      )}
      {canReopen && (
        <ActionForm className="reopen-form" title="reopen" submit={reopen}>
          <div className="row">
            <SelectField
              text="reopenReason"
              name="reopenReason"
              value={reason}
              options={labelled(REOPEN_REASONS, lang)}
              onChange={setReason}
            />
            <InputField text="note" name="reopenNote" value={reopenNote} onChange={setReopenNote} />
          </div>
          <Submit action="reopen" text="reopen" disabled={busy} className="secondary" />
        </ActionForm>
      )}
      {m.closure?.outcome && (
        <p>
          {t('closureOutcome')}:{' '}
          <strong data-closure={m.closure.outcome}>{label(m.closure.outcome, lang)}</strong>
        </p>
      )}
    </section>
  );
}
