import { useContext, useRef } from 'react';
import { api, tokenClaims } from '../api';
import {
  committeeText,
  holderOf,
  when,
  DeadlineCell,
  type CaseProgress,
} from '../components/case-table';
import {
  CaseTimeline,
  type CaseTimelineEntry,
  type MediationStep,
} from '../components/case-timeline';
import { ProblemBanner } from '../components/problem-banner';
import {
  MediatorActions,
  type CaseDetail,
  type MediationDetail,
} from '../components/mediation-actions';
import { LiveBadge, useCaseChanges } from '../components/use-case-changes';
import { useLoad } from '../components/use-load';
import { LangContext, useT } from '../i18n';
import { label } from '../labels';
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
  orgUnit: { code: string; name?: string } | null;
  committee: { code: string; level: string; name?: string } | null;
  progress: CaseProgress | null;
}
interface MediationView extends MediationDetail {
  timeline: MediationStep[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One case: registration, parties (masked unless the role needs them), where it is now (the case
 * view: status, holder, path, mediators, deadline, referral), its one timeline and the actions.
 */
export function CaseDetailPage({ caseId }: { caseId: string }) {
  const t = useT();
  const { lang } = useContext(LangContext);
  const id = encodeURIComponent(caseId);
  // The live change the case view should have applied before we show it (intake projects the
  // same events the stream relays, a moment later): re-read until its timeline has it.
  const awaited = useRef<string | null>(null);
  const view = useLoad(async () => {
    const want = awaited.current;
    for (let attempt = 0; ; attempt++) {
      const [kase, timeline] = await Promise.all([
        api<{ case: CaseView }>('GET', `/cases/${id}`),
        api<{ entries: CaseTimelineEntry[] }>('GET', `/cases/${id}/timeline`),
      ]);
      if (!want || attempt >= 10 || timeline.entries.some((e) => e.entryId === want))
        return { case: kase.case, entries: timeline.entries };
      await sleep(300);
    }
  }, [caseId]);
  const mediation = useLoad(
    () => api<{ mediation: MediationView }>('GET', `/mediations/${id}`),
    [caseId],
  );
  // Another actor's change (or the mediation being created from the case) re-reads both.
  const changes = useCaseChanges(caseId, () => {
    awaited.current = changes.last?.eventId ?? null;
    view.reload();
    mediation.reload();
  });
  const roles = tokenClaims()?.roles ?? [];
  const canAct = roles.some((r) =>
    ['VOLUNTEER', 'MEDIATOR', 'COMMITTEE_ADMIN', 'ADMINISTRATOR'].includes(r),
  );
  const m = mediation.data?.mediation;
  const c = view.data?.case;
  const reloadAll = () => {
    awaited.current = null;
    mediation.reload();
    view.reload();
  };
  return (
    <div className="stack">
      <section className="card case-head">
        <h2>
          {c?.caseNumber || caseId}{' '}
          {c && (
            <span className="badge case-status" data-status={c.status}>
              {label(c.status, lang)}
            </span>
          )}
        </h2>
        <ProblemBanner error={view.error} />
        {c && (
          <>
            <p>
              {label(c.category, lang)} · {c.orgUnit?.name ?? c.orgUnit?.code}
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
      {c && <ProgressCard kase={c} />}
      <section className="card">
        <h2>
          {t('timeline')}{' '}
          {m && (
            <span className="badge" title={t('mediationStatus')} data-status={m.status}>
              {label(m.status, lang)}
            </span>
          )}
          <LiveBadge state={changes} />
        </h2>
        <ProblemBanner error={mediation.error} />
        {view.data && <CaseTimeline entries={view.data.entries} mediationSteps={m?.timeline} />}
      </section>
      {canAct && m && (
        <MediatorActions
          mediation={m}
          kase={c ?? null}
          parties={c?.parties ?? []}
          onChanged={reloadAll}
        />
      )}
    </div>
  );
}

/** Where the case is now: holder, the path it took, mediators, next deadline, referral. */
function ProgressCard({ kase }: { kase: CaseView }) {
  const t = useT();
  const { lang } = useContext(LangContext);
  const p = kase.progress;
  const referral = p?.referral;
  return (
    <section className="card case-progress">
      <h3>{t('progress')}</h3>
      <dl>
        <dt>{t('holder')}</dt>
        <dd className="holder">{committeeText(holderOf(kase), lang)}</dd>
        {p && p.path.length > 0 && (
          <>
            <dt>{t('casePath')}</dt>
            <dd>
              <ol className="case-path">
                {p.path.map((step, i) => (
                  <li key={`${step.code}-${i}`}>{committeeText(step, lang)}</li>
                ))}
              </ol>
            </dd>
          </>
        )}
        <dt>{t('leadMediator')}</dt>
        <dd>{p?.leadMediator?.displayName || '—'}</dd>
        {p && p.otherMediators.length > 0 && (
          <>
            <dt>{t('otherMediators')}</dt>
            <dd>{p.otherMediators.map((x) => x.displayName).join('、')}</dd>
          </>
        )}
        <dt>{t('nextDeadline')}</dt>
        <dd>
          <DeadlineCell progress={p} />
        </dd>
        {referral && (
          <>
            <dt>{t('referralStage')}</dt>
            <dd className="referral-state" data-stage={referral.stage}>
              {t(referral.inbound ? 'inbound' : 'outbound')} · {label(referral.stage, lang)}
              {referral.institution &&
                ` · ${referral.institution.name ?? label(referral.institution.type, lang)}`}
              {referral.desk &&
                ` · ${t('referralDesk')} ${referral.desk.name ?? referral.desk.code}`}
              {referral.lawyerId && ` · ${t('lawyer')} ${referral.lawyerId}`}
            </dd>
          </>
        )}
        {p?.lastActivityAt && (
          <>
            <dt>{t('lastActivity')}</dt>
            <dd>{when(p.lastActivityAt, lang)}</dd>
          </>
        )}
      </dl>
    </section>
  );
}
