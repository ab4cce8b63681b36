import { useContext, useEffect, useRef } from 'react';
import { api, Problem, tokenClaims } from '../api';
import { CaseDocuments } from '../components/case-documents';
import { CaseTexts } from '../components/case-texts';
import { when } from '../time';
import {
  CasePath,
  committeeText,
  holderOf,
  DeadlineCell,
  type CaseProgress,
} from '../components/case-table';
import {
  CaseTimeline,
  hasLatestStep,
  type CaseTimelineEntry,
  type MediationStep,
} from '../components/case-timeline';
import { PartyList, type PartyView } from '../components/party-list';
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

interface CaseView extends CaseDetail {
  caseNumber: string;
  amendments?: unknown[];
  parties: PartyView[];
  orgUnit: { code: string; name?: string } | null;
  committee: { code: string; level: string; name?: string } | null;
  progress: CaseProgress | null;
}
interface MediationView extends MediationDetail {
  timeline: MediationStep[];
}

/** What the page waits for before it shows a re-read: nothing, a live change, or its own command. */
type Awaiting = { kind: 'nothing' } | { kind: 'change'; eventId: string } | { kind: 'command' };

/** The mediation's step for an amendment intake made (the mediation applies it while pending). */
const CASE_AMENDED = 'mediation.intake.v1.CaseAmended';

/**
 * Whether the reads show what the page waits for: a live change in the case timeline; after a
 * command, the mediation's latest step in the case timeline and, while the mediation is pending,
 * each amendment of the case applied to it (it bumps the mediation's version without an event).
 */
function caughtUp(
  wait: Awaiting,
  kase: CaseView,
  entries: CaseTimelineEntry[],
  mediation: MediationView | null,
): boolean {
  if (wait.kind === 'nothing') return true;
  const steps = mediation?.timeline ?? [];
  if (!hasLatestStep(entries, steps)) return false;
  if (wait.kind === 'change') return entries.some((e) => e.entryId === wait.eventId);
  if (mediation?.status !== 'MEDIATION_STATUS_PENDING_ACCEPTANCE') return true;
  const applied = steps.filter((s) => s.eventType === CASE_AMENDED).length;
  return applied >= (kase.amendments?.length ?? 0);
}
const isNotFound = (error: unknown) => error instanceof Problem && error.status === 404;

/** How long the page waits for intake's case view to catch up (it shows the last read meanwhile). */
const CATCH_UP_ATTEMPTS = 30;
const CATCH_UP_PAUSE_MS = 500;

/**
 * One case: registration, parties (masked unless the role needs them), where it is now (the case
 * view: status, holder, path, mediators, deadline, referral), its one timeline and the actions.
 */
export function CaseDetailPage({ caseId }: { caseId: string }) {
  const t = useT();
  const { lang } = useContext(LangContext);
  const id = encodeURIComponent(caseId);
  const roles = tokenClaims()?.roles ?? [];
  const canAct = roles.some((r) =>
    ['VOLUNTEER', 'MEDIATOR', 'COMMITTEE_ADMIN', 'ADMINISTRATOR'].includes(r),
  );
  // The texts to the parties and their wishes: the committee's staff (the gateway's rule).
  const mayTextParties = roles.some((r) =>
    ['MEDIATOR', 'COMMITTEE_ADMIN', 'ADMINISTRATOR'].includes(r),
  );
  // The case view and its timeline are intake's projection of the same events the mediation
  // answers from and the live stream relays, a moment later: after a change or a command the
  // page re-reads (briefly) until they caught up (see caughtUp).
  const awaiting = useRef<Awaiting>({ kind: 'nothing' });
  const tries = useRef(0);
  const view = useLoad(async () => {
    const wait = awaiting.current;
    // The timeline first: intake applies an event to the case before it records the step, so a
    // case read after the timeline is at least as new. The case itself must load; the timeline
    // and the mediation show their own problems.
    const timeline = await api<{ entries: CaseTimelineEntry[] }>(
      'GET',
      `/cases/${id}/timeline`,
    ).then(
      (r) => ({ entries: r.entries, timelineError: null as unknown }),
      (timelineError: unknown) => ({ entries: [] as CaseTimelineEntry[], timelineError }),
    );
    const [kase, mediation] = await Promise.all([
      api<{ case: CaseView }>('GET', `/cases/${id}`),
      // A stationed lawyer reads the case behind a referral at their desk, not its mediation.
      (canAct
        ? api<{ mediation: MediationView }>('GET', `/mediations/${id}`)
        : Promise.resolve({ mediation: null })
      ).then(
        (r) => ({ mediation: r.mediation, mediationError: null as unknown }),
        (mediationError: unknown) => ({ mediation: null, mediationError }),
      ),
    ]);
    // Just registered: the mediation service creates the mediation from the case's event a
    // moment later; until then the page says so and keeps reading.
    const mediationPending = isNotFound(mediation.mediationError);
    const settled =
      !mediationPending &&
      (!!timeline.timelineError ||
        caughtUp(wait, kase.case, timeline.entries, mediation.mediation));
    return {
      case: kase.case,
      ...timeline,
      ...mediation,
      mediationPending,
      settled,
      wait: wait.kind,
    };
  }, [caseId]);
  // Shown at once; re-read every CATCH_UP_PAUSE_MS until it caught up (or the patience ends).
  const { data, reload } = view;
  useEffect(() => {
    if (!data || data.settled || tries.current >= CATCH_UP_ATTEMPTS) return;
    tries.current += 1;
    const timer = setTimeout(reload, CATCH_UP_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [data, reload]);
  const follow = (wait: Awaiting) => {
    awaiting.current = wait;
    tries.current = 0;
    reload();
  };
  // Another actor's change (or the mediation being created from the case) re-reads it all.
  const changes = useCaseChanges(caseId, () => {
    const eventId = changes.last?.eventId;
    follow(eventId ? { kind: 'change', eventId } : { kind: 'nothing' });
  });
  const m = data?.mediation ?? undefined;
  const c = data?.case;
  const reloadAll = () => follow({ kind: 'command' });
  // After the user's own command the commands wait for the mediation to catch up (a stale
  // version would only be refused).
  const settling =
    !!data && !data.settled && data.wait === 'command' && tries.current < CATCH_UP_ATTEMPTS;
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
            <PartyList parties={c.parties} />
          </>
        )}
      </section>
      {c && <ProgressCard kase={c} />}
      {c && <CaseDocuments caseId={caseId} canAttach={canAct} />}
      {c && mayTextParties && <CaseTexts caseId={caseId} parties={c.parties} />}
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
        <ProblemBanner error={view.data?.timelineError} />
        {view.data?.mediationPending ? (
          <p className="muted" data-mediation-pending>
            {t('mediationPending')}
          </p>
        ) : (
          <ProblemBanner error={view.data?.mediationError} />
        )}
        {view.data && <CaseTimeline entries={view.data.entries} mediationSteps={m?.timeline} />}
      </section>
      {canAct && m && !settling && (
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
              <CasePath path={p.path} />
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
