import { useContext, useState } from 'react';
import { api, download, tokenClaims } from '../api';
import { ProblemBanner } from '../components/problem-banner';
import { MediatorActions } from '../components/mediation-actions';
import { LiveBadge, useCaseChanges } from '../components/use-case-changes';
import { useLoad } from '../components/use-load';
import { LangContext, useT } from '../i18n';
import { label } from '../labels';

interface PartyView {
  partyId: string;
  role: string;
  name: string;
  phoneMasked: string;
}
interface CaseView {
  caseId: string;
  caseNumber: string;
  status: string;
  category: string;
  description: string;
  parties: PartyView[];
  orgUnit: { code: string } | null;
}
interface TimelineEntry {
  sequence: string;
  eventType: string;
  occurredAt: string | null;
  actor: { role: string; orgUnitCode: string } | null;
  actorDisplayName: string;
  committee: { code: string; level: string } | null;
  summary: string;
  /** The sentence in both languages (summary is the English one). */
  summaryText?: { zh: string; en: string } | null;
}
interface MediationView {
  mediationId: string;
  status: string;
  version: string;
  committee: { code: string; level: string } | null;
  timeline: TimelineEntry[];
  agreement: { agreementId: string } | null;
}

/** One case: registration, parties (masked unless the role needs them), timeline and actions. */
export function CaseDetailPage({ caseId }: { caseId: string }) {
  const t = useT();
  const { lang } = useContext(LangContext);
  const kase = useLoad(
    () => api<{ case: CaseView }>('GET', `/cases/${encodeURIComponent(caseId)}`),
    [caseId],
  );
  const mediation = useLoad(
    () => api<{ mediation: MediationView }>('GET', `/mediations/${encodeURIComponent(caseId)}`),
    [caseId],
  );
  // Another actor's change (or the mediation being created from the case) re-reads both.
  const changes = useCaseChanges(caseId, () => {
    kase.reload();
    mediation.reload();
  });
  const [actionError, setActionError] = useState<unknown>(null);
  const [note, setNote] = useState('');
  const [facts, setFacts] = useState('');
  const [issues, setIssues] = useState('');
  const [terms, setTerms] = useState('');
  const roles = tokenClaims()?.roles ?? [];
  const canAct = roles.some((r) =>
    ['VOLUNTEER', 'MEDIATOR', 'COMMITTEE_ADMIN', 'ADMINISTRATOR'].includes(r),
  );
  const m = mediation.data?.mediation;

  const act = async (action: string, body: Record<string, unknown>) => {
    if (!m) return;
    setActionError(null);
    try {
      await api('POST', `/mediations/${encodeURIComponent(m.mediationId)}/${action}`, {
        expectedVersion: m.version,
        ...body,
      });
      mediation.reload();
      kase.reload();
    } catch (e) {
      setActionError(e);
    }
  };

  const c = kase.data?.case;
  return (
    <div className="stack">
      <section className="card">
        <h2>
          {c?.caseNumber || caseId} {c && <span className="badge">{label(c.status, lang)}</span>}
        </h2>
        <ProblemBanner error={kase.error} />
        {c && (
          <>
            <p>
              {label(c.category, lang)} · {c.orgUnit?.code}
            </p>
            <p className="description">{c.description}</p>
            <ul className="parties">
              {c.parties.map((p) => (
                <li key={p.partyId}>
                  {label(p.role, lang)}: {p.name} {p.phoneMasked}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      <section className="card">
        <h2>
          {t('timeline')} {m && <span className="badge">{label(m.status, lang)}</span>}
          <LiveBadge state={changes} />
        </h2>
        <ProblemBanner error={mediation.error} />
        {m && (
          <ol className="timeline">
            {m.timeline.map((e) => (
              <li key={e.sequence}>
                <time>
                  {e.occurredAt
                    ? new Date(e.occurredAt).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB')
                    : ''}
                </time>
                <strong>
                  {e.summaryText?.[lang] || e.summary || e.eventType.split('.').pop()}
                </strong>
                <span className="muted">
                  {e.actorDisplayName} · {label(e.actor?.role?.replace('ROLE_', ''), lang)} ·{' '}
                  {e.committee?.code} ({label(e.committee?.level, lang)})
                </span>
              </li>
            ))}
          </ol>
        )}
      </section>
      {canAct && m && (
        <section className="card">
          <h2>{t('actions')}</h2>
          <ProblemBanner error={actionError} />
          <label>
            {t('note')}
            <input value={note} onChange={(e) => setNote(e.target.value)} name="note" />
          </label>
          <div className="row buttons">
            <button onClick={() => void act('accept', { note })}>{t('accept')}</button>
            <button
              onClick={() => void act('escalate', { reason: 'ESCALATION_REASON_COMPLEXITY', note })}
            >
              {t('escalate')}
            </button>
            <button
              onClick={() =>
                void act('fail', {
                  reason: 'FAILURE_REASON_NO_CONSENSUS',
                  note,
                  remediesTold: ['REMEDY_LITIGATION'],
                })
              }
            >
              {t('fail')}
            </button>
            <button
              onClick={() =>
                void act('follow-ups', {
                  visitedAt: new Date().toISOString(),
                  method: 'CONTACT_METHOD_PHONE',
                  result: 'FOLLOW_UP_RESULT_PERFORMING',
                  note,
                })
              }
            >
              {t('followUp')}
            </button>
          </div>
          <h3>{t('consent')}</h3>
          <div className="row buttons">
            {c?.parties.map((p) => (
              <button
                key={p.partyId}
                className="secondary"
                data-consent={p.partyId}
                onClick={() =>
                  void act('consents', {
                    partyId: p.partyId,
                    subject: 'CONSENT_SUBJECT_MEDIATION',
                    method: 'CONSENT_METHOD_ORAL',
                    note,
                  })
                }
              >
                {t('consent')}: {p.name}
              </button>
            ))}
          </div>
          <h3>{t('agreement')}</h3>
          <label>
            {t('facts')}
            <textarea
              name="facts"
              value={facts}
              onChange={(e) => setFacts(e.target.value)}
              rows={2}
            />
          </label>
          <label>
            {t('issues')}
            <textarea
              name="issues"
              value={issues}
              onChange={(e) => setIssues(e.target.value)}
              rows={2}
            />
          </label>
          <label>
            {t('terms')}
            <textarea
              name="terms"
              value={terms}
              onChange={(e) => setTerms(e.target.value)}
              rows={2}
            />
          </label>
          <button
            onClick={() =>
              void act('agreement', {
                form: 'AGREEMENT_FORM_WRITTEN',
                facts,
                issues,
                terms: { obligations: [], otherTerms: terms },
                effectiveAt: new Date().toISOString(),
                signedPartyIds: c?.parties.map((p) => p.partyId) ?? [],
              })
            }
          >
            {t('agreement')}
          </button>
          {m.agreement && (
            <button
              className="secondary"
              onClick={() =>
                void download(`/mediations/${m.mediationId}/agreement.pdf`, 'agreement.pdf').catch(
                  setActionError,
                )
              }
            >
              {t('downloadPdf')}
            </button>
          )}
        </section>
      )}
      {canAct && m && (
        <MediatorActions
          mediation={m}
          parties={c?.parties ?? []}
          onChanged={() => {
            mediation.reload();
            kase.reload();
          }}
        />
      )}
    </div>
  );
}
