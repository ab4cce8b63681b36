import { useContext, useState } from 'react';
import { download } from '../../api';
import { LangContext, useT } from '../../i18n';
import { label, valuesOf } from '../../labels';
import { formatFen, money, yuanToFen } from '../../money';
import {
  ActionForm,
  InputField,
  SelectField,
  Submit,
  TimeField,
  iso,
  labelled,
  localInput,
} from './form-helpers';
import { ProblemBanner as ProblemLine } from '../problem-banner';
import { allows, type Money } from './mediation-detail';
import type { SectionProps } from './section-props';

const PERFORMANCE = valuesOf('PERFORMANCE_STATUS_').filter((s) => !s.endsWith('_PENDING'));
const METHODS = valuesOf('CONTACT_METHOD_');
const RESULTS = valuesOf('FOLLOW_UP_RESULT_');

/**
 * After the agreement: its obligations and instalments (in 元) with their performance, recording
 * performance and follow-up visits, the agreement document, and the case's deadlines (the
 * performance timers the due dates started among them).
 */
export function AftercareSection({ m, partyName, when, command }: SectionProps) {
  const t = useT();
  const { lang } = useContext(LangContext);
  const { busy, run, banner } = command;
  const [target, setTarget] = useState('');
  const [status, setStatus] = useState(PERFORMANCE[0]);
  const [paid, setPaid] = useState('');
  const [performedAt, setPerformedAt] = useState(() => localInput(new Date()));
  const [perfNote, setPerfNote] = useState('');
  const [visitedAt, setVisitedAt] = useState(() => localInput(new Date()));
  const [method, setMethod] = useState(METHODS[0]);
  const [result, setResult] = useState(RESULTS[0]);
  const [next, setNext] = useState('');
  const [visitNote, setVisitNote] = useState('');
  const [pdfError, setPdfError] = useState<unknown>(null);
  const agreement = m.agreement;
  if (!agreement) return null;
  const obligations = agreement.terms?.obligations ?? [];
  const fen = (x: Money | null | undefined) => formatFen(x?.amountFen, lang);
  // "<obligationId>#<n>": an instalment; the obligation id alone: the whole obligation.
  const targets = obligations.flatMap((o, i) => [
    { id: o.obligationId, text: `${i + 1}. ${o.description} (${t('wholeObligation')})` },
    ...o.instalments.map((x) => ({
      id: `${o.obligationId}#${x.number}`,
      text: `${i + 1}. ${o.description} · #${x.number} ${fen(x.amount)}`,
    })),
  ]);
  const chosen = targets.some((x) => x.id === target) ? target : (targets[0]?.id ?? '');
  const performance = async () => {
    const [obligationId, n] = chosen.split('#');
    if (paid && yuanToFen(paid) === null) return;
    const ok = await run('performance', 'performance', {
      obligationId,
      instalmentNumber: Number(n ?? 0),
      status,
      ...(paid ? { amountPaid: money(paid) } : {}),
      performedAt: iso(performedAt),
      note: perfNote,
    });
    if (ok) {
      setPaid('');
      setPerfNote('');
    }
  };
  const followUp = async () => {
    const ok = await run('follow-up', 'follow-ups', {
      visitedAt: iso(visitedAt),
      method,
      result,
      note: visitNote,
      ...(next ? { nextFollowUpAt: iso(next) } : {}),
    });
    if (ok) setVisitNote('');
  };
  const deadlines = m.deadlines ?? [];
  return (
    <section className="card aftercare" data-section="aftercare">
      <h2>{t('performance')}</h2>
      <p>
        {label(agreement.form, lang)}
        {agreement.totalAmount && (
          <>
            {' · '}
            {t('total')} <strong data-total>{fen(agreement.totalAmount)}</strong>
          </>
        )}{' '}
        <button
          type="button"
          className="secondary"
          data-pdf="zh"
          onClick={() =>
            void download(`/mediations/${m.mediationId}/agreement.pdf`, 'agreement.pdf').catch(
              setPdfError,
            )
          }
        >
          {t('downloadPdf')}
        </button>{' '}
        {/* In English, also the reference copy (the Chinese document is the agreement). */}
        {lang === 'en' && (
          <button
            type="button"
            className="secondary"
            data-pdf="en"
            onClick={() =>
              void download(
                `/mediations/${m.mediationId}/agreement.pdf?lang=en`,
                'agreement.en.pdf',
              ).catch(setPdfError)
            }
          >
            {t('downloadPdfEnglish')}
          </button>
        )}
      </p>
      {pdfError ? <ProblemLine error={pdfError} /> : null}
      {obligations.length > 0 && (
        <table className="obligations">
          <tbody>
            {obligations.map((o, i) => (
              <tr key={o.obligationId} data-obligation={o.obligationId} data-status={o.status}>
                <td>{i + 1}</td>
                <td>
                  {partyName(o.obligorPartyId)} → {partyName(o.obligeePartyId)}
                  <br />
                  {label(o.kind, lang)}: {o.description}
                </td>
                <td>{o.amount ? fen(o.amount) : ''}</td>
                <td>
                  {label(o.manner, lang)}
                  {o.dueAt && ` · ${when(o.dueAt)}`}
                  {o.instalments.length > 0 && (
                    <ol className="instalments">
                      {o.instalments.map((x) => (
                        <li key={x.number} data-instalment={x.number} data-status={x.status}>
                          {fen(x.amount)} · {when(x.dueAt)} · {label(x.status, lang)}
                          {x.amountPaid && ` (${fen(x.amountPaid)})`}
                        </li>
                      ))}
                    </ol>
                  )}
                </td>
                <td>
                  <span className="badge">{label(o.status, lang)}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {deadlines.length > 0 && (
        <>
          <h3>{t('caseDeadlines')}</h3>
          <ul className="case-deadlines">
            {deadlines.map((d, i) => (
              <li key={d.deadlineId ?? i} data-deadline={d.kind} data-status={d.status}>
                {label(d.kind, lang)} · {when(d.dueAt)} · {label(d.status, lang)}
              </li>
            ))}
          </ul>
        </>
      )}
      {allows(m, 'performance') && targets.length > 0 && (
        <ActionForm
          className="performance-form"
          title="recordPerformance"
          banner={banner('performance')}
          submit={performance}
        >
          <div className="row">
            <SelectField
              text="obligation"
              name="performanceTarget"
              value={chosen}
              options={targets}
              onChange={setTarget}
            />
            <SelectField
              text="performanceStatus"
              name="performanceStatus"
              value={status}
              options={labelled(PERFORMANCE, lang)}
              onChange={setStatus}
            />
            <InputField
              text="amountPaidYuan"
              name="amountPaid"
              inputMode="decimal"
              value={paid}
              onChange={setPaid}
            />
            <TimeField
              text="performedAt"
              name="performedAt"
              value={performedAt}
              onChange={setPerformedAt}
            />
          </div>
          <InputField text="note" name="performanceNote" value={perfNote} onChange={setPerfNote} />
          <Submit action="performance" text="recordPerformance" disabled={busy} />
        </ActionForm>
      )}
      {allows(m, 'follow-ups') && (
        <ActionForm
          className="follow-up-form"
          title="followUp"
          banner={banner('follow-up')}
          submit={followUp}
        >
          <div className="row">
            <TimeField
              text="visitedAt"
              name="visitedAt"
              value={visitedAt}
              onChange={setVisitedAt}
            />
            <SelectField
              text="followUpMethod"
              name="followUpMethod"
              value={method}
              options={labelled(METHODS, lang)}
              onChange={setMethod}
            />
            <SelectField
              text="followUpResult"
              name="followUpResult"
              value={result}
              options={labelled(RESULTS, lang)}
              onChange={setResult}
            />
            <TimeField text="nextFollowUp" name="nextFollowUpAt" value={next} onChange={setNext} />
          </div>
          <InputField text="note" name="followUpNote" value={visitNote} onChange={setVisitNote} />
          <Submit action="follow-up" text="followUp" disabled={busy} />
        </ActionForm>
      )}
    </section>
  );
}
