import { useContext } from 'react';
import { api, tokenClaims } from '../api';
import { ProblemBanner } from '../components/problem-banner';
import { MediatorActions, type CaseDetail } from '../components/mediation-actions';
import { LiveBadge, useCaseChanges } from '../components/use-case-changes';
import { useLoad } from '../components/use-load';
import { LangContext, useT } from '../i18n';
import { caseStatusShown, label } from '../labels';
import { formatFen } from '../money';

interface PartyView {
  partyId: string;
  role: string;
  name: string;
  phoneMasked: string;
}
interface CaseView extends CaseDetail {
  caseNumber: string;
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
  const roles = tokenClaims()?.roles ?? [];
  const canAct = roles.some((r) =>
    ['VOLUNTEER', 'MEDIATOR', 'COMMITTEE_ADMIN', 'ADMINISTRATOR'].includes(r),
  );
  const m = mediation.data?.mediation;

  const c = kase.data?.case;
  return (
    <div className="stack">
      <section className="card">
        <h2>
          {c?.caseNumber || caseId}{' '}
          {c && <span className="badge">{label(caseStatusShown(c.status, m?.status), lang)}</span>}
        </h2>
        <ProblemBanner error={kase.error} />
        {c && (
          <>
            <p>
              {label(c.category, lang)} · {c.orgUnit?.code}
              {c.peopleInvolved ? ` · ${t('peopleInvolved')} ${c.peopleInvolved}` : ''}
              {c.amountInvolved?.amountFen && c.amountInvolved.amountFen !== '0' && (
                <span data-amount-involved>
                  {' · '}
                  {t('amount')} {formatFen(c.amountInvolved.amountFen, lang)}
                </span>
              )}
              {c.risk?.level && !c.risk.level.endsWith('UNSPECIFIED') && (
                <span data-risk={c.risk.level}>
                  {' · '}
                  {t('risk')} {label(c.risk.level, lang)}
                </span>
              )}
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
        <MediatorActions
          mediation={m}
          kase={c ?? null}
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
