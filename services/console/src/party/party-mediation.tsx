import { useContext, useEffect, useState, type FormEvent } from 'react';
import { isConflict, useFormSubmit } from '../components/use-form-submit';
import { LangContext, useT, type Key } from '../i18n';
import { label } from '../labels';
import { when } from '../time';
import { PartyProblem, partyFieldWords } from './party-problem';
import { partyApi, partyDownload, type PartyCase, type PartyMediation } from './party-session';
import { CodeButtons, CodeInput } from './one-time-code';

type Agreement = NonNullable<PartyMediation['agreement']>;
type Session = PartyMediation['sessions'][number];

/** What the case page gives each panel: where to send, and what to do with the answer. */
interface ActProps {
  caseId: string;
  /** The case as the act's answer (or a re-read) shows it. */
  onCase: (c: PartyCase) => void;
  /** Reads the case again (after a conflict: someone else acted meanwhile). */
  reload: () => void;
}

/** A sentence with `{name}` blanks filled in. */
const fill = (text: string, values: Record<string, string>) =>
  text.replace(/\{(\w+)\}/g, (_m, k: string) => values[k] ?? '');

/** The party's acts on one submission: busy, errors in plain words, a re-read after a 409. */
function useAct({ caseId, onCase, reload }: ActProps) {
  const t = useT();
  const form = useFormSubmit({
    describe: partyFieldWords(t),
    onFailure: (e) => isConflict(e) && reload(),
  });
  const send = (path: string, body: unknown, local?: Record<string, string>) =>
    form.submit(async () => {
      const out = await partyApi<{ case: PartyCase }>(
        'POST',
        `/cases/${encodeURIComponent(caseId)}${path}`,
        body,
      );
      onCase(out.case);
    }, local);
  return { ...form, send };
}

/** Whether to take part in mediation at all: consent, or refuse with a reason after a warning. */
function ConsentPanel(props: ActProps) {
  const t = useT();
  const { busy, problem, err, send } = useAct(props);
  const [refusing, setRefusing] = useState(false);
  const [reason, setReason] = useState('');
  const refuse = (e: FormEvent) => {
    e.preventDefault();
    void send(
      '/consents',
      { subject: 'mediation', decision: 'refuse', reason },
      reason.trim() ? {} : { reason: t('needReason') },
    );
  };
  return (
    <section className="card party-act" aria-labelledby="party-consent" data-panel="consent">
      <h2 id="party-consent">{t('consentTitle')}</h2>
      <p>{t('consentLead')}</p>
      {!refusing ? (
        <div className="buttons">
          <button
            type="button"
            disabled={busy}
            data-act="consent"
            onClick={() => void send('/consents', { subject: 'mediation', decision: 'consent' })}
          >
            {t('agreeMediation')}
          </button>
          <button
            type="button"
            className="secondary"
            disabled={busy}
            data-act="refuse"
            onClick={() => setRefusing(true)}
          >
            {t('refuseMediation')}
          </button>
        </div>
      ) : (
        <form onSubmit={refuse} noValidate data-step="refuse">
          <label>
            {t('refuseReason')}
            <textarea
              name="reason"
              rows={3}
              maxLength={2000}
              required
              autoFocus
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
            {err('reason')}
          </label>
          <p className="warning" role="note">
            {t('refuseWarning')}
          </p>
          <div className="buttons">
            <button type="submit" disabled={busy}>
              {t('confirmRefuse')}
            </button>
            <button type="button" className="secondary" onClick={() => setRefusing(false)}>
              {t('cancel')}
            </button>
          </div>
        </form>
      )}
      <PartyProblem error={problem} />
    </section>
  );
}

/** One session ahead: will attend, or ask to move it with a note; what the party said. */
function SessionCard({ session, ...props }: ActProps & { session: Session }) {
  const t = useT();
  const { lang } = useContext(LangContext);
  const { busy, problem, err, send } = useAct(props);
  const [moving, setMoving] = useState(false);
  const [note, setNote] = useState('');
  const path = `/sessions/${encodeURIComponent(session.sessionId)}/answers`;
  const answer = session.yourAnswer;
  const id = `session-${session.sessionId}`;
  return (
    <li className="session" data-session={session.sessionId} aria-labelledby={id}>
      <dl className="facts" id={id}>
        <dt>{t('sessionWhen')}</dt>
        <dd>{when(session.at, lang)}</dd>
        <dt>{t('sessionWhere')}</dt>
        <dd>{session.place}</dd>
      </dl>
      {answer && (
        <p role="status" data-answer={answer.answer}>
          {fill(t(answer.answer === 'attend' ? 'answeredAttend' : 'answeredMove'), {
            at: when(answer.at, lang),
          })}
          {answer.answer === 'move' && ` ${answer.note}`}
        </p>
      )}
      {!moving ? (
        <div className="buttons">
          <button
            type="button"
            disabled={busy}
            data-act="attend"
            onClick={async () => {
              if (await send(path, { answer: 'attend' })) setMoving(false);
            }}
          >
            {t('willAttend')}
          </button>
          <button
            type="button"
            className="secondary"
            disabled={busy}
            data-act="move"
            onClick={() => setMoving(true)}
          >
            {t('askToMove')}
          </button>
        </div>
      ) : (
        <form
          noValidate
          data-step="move"
          onSubmit={async (e) => {
            e.preventDefault();
            const ok = await send(
              path,
              { answer: 'move', note },
              note.trim() ? {} : { note: t('needNote') },
            );
            if (ok) setMoving(false);
          }}
        >
          <label>
            {t('moveNote')}
            <textarea
              name="note"
              rows={3}
              maxLength={1000}
              required
              autoFocus
              value={note}
              onChange={(e) => setNote(e.target.value)}
            />
            {err('note')}
          </label>
          <div className="buttons">
            <button type="submit" disabled={busy}>
              {t('sendMove')}
            </button>
            <button type="button" className="secondary" onClick={() => setMoving(false)}>
              {t('cancel')}
            </button>
          </div>
        </form>
      )}
      <PartyProblem error={problem} />
    </li>
  );
}

function SessionsPanel({ sessions, ...props }: ActProps & { sessions: Session[] }) {
  const t = useT();
  return (
    <section className="card party-act" aria-labelledby="party-sessions" data-panel="sessions">
      <h2 id="party-sessions">{t('sessionsTitle')}</h2>
      <ul className="sessions">
        {sessions.map((s) => (
          <SessionCard key={s.sessionId} session={s} {...props} />
        ))}
      </ul>
    </section>
  );
}

/** The agreement's text as the party signs it: plain words, yuan, Beijing dates. */
function AgreementText({ a }: { a: Agreement }) {
  const t = useT();
  const { lang } = useContext(LangContext);
  const yuan = (amount: string | null) =>
    amount === null ? '' : lang === 'zh' ? `${amount} 元` : `¥${amount}`;
  const section = (key: Key, text: string) =>
    text ? (
      <>
        <h3>{t(key)}</h3>
        <p className="agreement-text">{text}</p>
      </>
    ) : null;
  return (
    <div className="agreement-body" data-agreement-text>
      {section('agreementFacts', a.facts)}
      {section('agreementIssues', a.issues)}
      {section('agreementResponsibilities', a.responsibilities)}
      {a.obligations.length > 0 && (
        <>
          <h3>{t('agreementObligations')}</h3>
          <ol className="obligations">
            {a.obligations.map((o, i) => (
              <li key={i} data-obligation={i}>
                <strong>
                  {fill(t('obligationOwes'), { obligor: o.obligor, obligee: o.obligee })}
                </strong>
                {' · '}
                {label(o.kind, lang)}：{o.description}
                <dl className="facts">
                  {o.amountYuan !== null && (
                    <>
                      <dt>{t('obligationAmount')}</dt>
                      <dd data-amount>{yuan(o.amountYuan)}</dd>
                    </>
                  )}
                  <dt>{t('obligationDue')}</dt>
                  <dd>
                    {label(o.manner, lang)}
                    {o.dueDate && ` · ${o.dueDate}`}
                  </dd>
                </dl>
                {o.instalments.length > 0 && (
                  <ul>
                    {o.instalments.map((x) => (
                      <li key={x.number}>
                        {fill(t('instalmentLine'), {
                          n: String(x.number),
                          amount: yuan(x.amountYuan),
                          date: x.dueDate ?? '',
                        })}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ol>
        </>
      )}
      {section('agreementOtherTerms', a.otherTerms)}
    </div>
  );
}

/** The agreement to sign: its text, who has signed, a texted code and the signature. */
function AgreementPanel({ a, ...props }: ActProps & { a: Agreement }) {
  const t = useT();
  const { lang } = useContext(LangContext);
  const { busy, problem, err, send, submit } = useAct(props);
  const [check, setCheck] = useState<{ checkId: string; resendAfter: number } | null>(null);
  const [code, setCode] = useState('');
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (!check) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [check]);
  const wait = check ? Math.max(0, Math.ceil((check.resendAfter - now) / 1000)) : 0;
  const path = `/cases/${encodeURIComponent(props.caseId)}/agreement`;

  const getCode = () =>
    submit(async () => {
      const out = await partyApi<{ checkId: string; resendAfter: string }>('POST', `${path}/code`, {
        language: lang,
      });
      setCheck({ checkId: out.checkId, resendAfter: Date.parse(out.resendAfter) || Date.now() });
      setCode('');
    });
  const sign = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await send(
      '/agreement/signatures',
      { proposalId: a.proposalId, contentHash: a.contentHash, checkId: check!.checkId, code },
      /^\d{6}$/.test(code) ? {} : { code: t('needCode') },
    );
    if (ok) setCheck(null);
  };

  return (
    <section className="card party-act" aria-labelledby="party-agreement" data-panel="agreement">
      <h2 id="party-agreement">{t('agreementTitle')}</h2>
      {a.youMaySign && <p>{t('agreementLead')}</p>}
      <AgreementText a={a} />
      <p className="hint">
        {t('contentHash')}：<code data-content-hash>{a.contentHash.slice(0, 16)}</code>
      </p>
      <h3>{t('signatures')}</h3>
      <ul data-signers>
        {a.signers.map((s) => (
          <li key={s.partyId} data-signed={!!s.signedAt}>
            {label(s.role, lang)}：{s.name} {s.you && t('you')} —{' '}
            {s.signedAt ? fill(t('signedAt'), { at: when(s.signedAt, lang) }) : t('notSignedYet')}
          </li>
        ))}
      </ul>
      {a.youSigned && (
        <p role="status" data-done="signed">
          <strong>{fill(t('youSignedAt'), { at: when(a.yourSignedAt, lang) })}</strong>{' '}
          {t('waitingOthers')}
        </p>
      )}
      {a.youMaySign &&
        (!check ? (
          <button type="button" disabled={busy} data-act="get-code" onClick={() => void getCode()}>
            {t('getSignCode')}
          </button>
        ) : (
          <form onSubmit={sign} noValidate data-step="sign">
            <p role="status">{t('signCodeSent')}</p>
            <label>
              {t('signCode')}
              <CodeInput name="signCode" code={code} setCode={setCode} autoFocus />
              {err('code')}
            </label>
            <CodeButtons
              submit="signAgreement"
              code={code}
              busy={busy}
              wait={wait}
              resend={() => void getCode()}
            />
          </form>
        ))}
      <PartyProblem error={problem} conflict="partyAgreementChanged" />
    </section>
  );
}

const SCORES = [5, 4, 3, 2, 1] as const;

/** After closure: a rating from 1 to 5 with a comment, once. */
function RatingPanel({ rating, ...props }: ActProps & { rating: PartyMediation['rating'] }) {
  const t = useT();
  const { lang } = useContext(LangContext);
  const { busy, problem, err, send } = useAct(props);
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');
  if (rating.yours)
    return (
      <section className="card party-act" aria-labelledby="party-rating" data-panel="rating">
        <h2 id="party-rating">{t('ratingTitle')}</h2>
        <p role="status" data-done="rated">
          {fill(t('ratedAt'), { at: when(rating.yours.at, lang) })}{' '}
          <strong>{t(`rating${rating.yours.score}` as Key)}</strong>
          {rating.yours.comment && `（${rating.yours.comment}）`}
        </p>
      </section>
    );
  return (
    <section className="card party-act" aria-labelledby="party-rating" data-panel="rating">
      <h2 id="party-rating">{t('ratingTitle')}</h2>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void send(
            '/satisfaction',
            { score, ...(comment.trim() ? { comment } : {}) },
            score ? {} : { score: t('chooseScore') },
          );
        }}
      >
        <fieldset className="scores">
          <legend>{t('ratingScore')}</legend>
          {SCORES.map((n) => (
            <label key={n} className="choice">
              <input
                type="radio"
                name="score"
                value={n}
                checked={score === n}
                onChange={() => setScore(n)}
              />
              {n} · {t(`rating${n}` as Key)}
            </label>
          ))}
          {err('score')}
        </fieldset>
        <label>
          {t('ratingComment')}
          <textarea
            name="comment"
            rows={3}
            maxLength={1000}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
          />
          {err('comment')}
        </label>
        <button type="submit" disabled={busy}>
          {t('sendRating')}
        </button>
      </form>
      <PartyProblem error={problem} />
    </section>
  );
}

/** What was done already, in one place: the decision on mediation and the agreement in force. */
function DonePanel({ m }: { m: PartyMediation }) {
  const t = useT();
  const { lang } = useContext(LangContext);
  const lines: string[] = [];
  if (m.consent.decision !== 'pending')
    lines.push(
      m.consent.at
        ? fill(t(m.consent.decision === 'given' ? 'consentGivenAt' : 'consentRefusedAt'), {
            at: when(m.consent.at, lang),
          })
        : t(m.consent.decision === 'given' ? 'consentGiven' : 'consentRefused'),
    );
  if (m.agreementReached)
    lines.push(fill(t('agreementInForce'), { at: when(m.agreementReached.effectiveAt, lang) }));
  if (!lines.length) return null;
  return (
    <div className="card done" role="status" data-done="mediation">
      {lines.map((l) => (
        <p key={l}>{l}</p>
      ))}
    </div>
  );
}

/** The 调解协议书 of a written agreement in effect, to keep: the Chinese text and the English copy. */
function AgreementDocumentPanel({ caseId }: { caseId: string }) {
  const t = useT();
  const [error, setError] = useState<unknown>(null);
  const get = (query: string, name: string) => {
    setError(null);
    void partyDownload(`/cases/${encodeURIComponent(caseId)}/agreement.pdf${query}`, name).catch(
      setError,
    );
  };
  return (
    <section className="card" aria-labelledby="party-agreement-doc" data-panel="agreement-document">
      <h2 id="party-agreement-doc">{t('partyAgreementDocTitle')}</h2>
      <p>{t('partyAgreementDocLead')}</p>
      <div className="buttons">
        <button type="button" data-download="agreement" onClick={() => get('', 'agreement.pdf')}>
          {t('downloadPdf')}
        </button>
        <button
          type="button"
          className="secondary"
          data-download="agreement-en"
          onClick={() => get('?lang=en', 'agreement.en.pdf')}
        >
          {t('downloadPdfEnglish')}
        </button>
      </div>
      <PartyProblem error={error} />
    </section>
  );
}

/** The mediation's part of the party's case page: what waits for the party, and what it did. */
export function PartyMediationPanels({ m, ...props }: ActProps & { m: PartyMediation }) {
  const t = useT();
  const waiting = m.consent.canDecide || !!m.agreement?.youMaySign || m.rating.canRate;
  return (
    <>
      <DonePanel m={m} />
      {m.agreementReached?.written && <AgreementDocumentPanel caseId={props.caseId} />}
      {waiting && (
        <p className="waiting" data-waiting>
          <strong>{t('partyWaiting')}</strong>
        </p>
      )}
      {m.consent.canDecide && <ConsentPanel {...props} />}
      {m.sessions.length > 0 && <SessionsPanel sessions={m.sessions} {...props} />}
      {m.agreement && <AgreementPanel key={m.agreement.contentHash} a={m.agreement} {...props} />}
      {(m.rating.canRate || m.rating.yours) && <RatingPanel rating={m.rating} {...props} />}
    </>
  );
}
