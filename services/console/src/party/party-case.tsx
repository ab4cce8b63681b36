import { useContext, useEffect, useState } from 'react';
import { Link } from '../components/router';
import { ProblemBanner } from '../components/problem-banner';
import { useLoad } from '../components/use-load';
import { LangContext, useT } from '../i18n';
import { label } from '../labels';
import { when } from '../time';
import { PartyEvidence } from './party-evidence';
import { PartyMediationPanels } from './party-mediation';
import { partyApi, type PartyCase } from './party-session';

/**
 * One of the party's cases: where it is, what happens next, who has it, who is in it, and what
 * waits for the party (consent, sessions, the agreement to sign, the rating).
 */
export function PartyCaseView({ caseId }: { caseId: string }) {
  const t = useT();
  const { lang } = useContext(LangContext);
  const { data, error, reload } = useLoad(
    () => partyApi<{ case: PartyCase }>('GET', `/cases/${encodeURIComponent(caseId)}`),
    [caseId],
  );
  // An act answers with the case as it is now; a read replaces that again.
  const [acted, setActed] = useState<PartyCase | null>(null);
  useEffect(() => setActed(null), [data]);
  const c = acted ?? data?.case;
  return (
    <section className="stack" aria-labelledby="party-case">
      <Link to="/my">{t('backToCases')}</Link>
      <ProblemBanner error={error} />
      {c && (
        <>
          <h1 id="party-case">{c.caseNumber}</h1>
          <div className="card" data-status={c.status}>
            <strong className="status">{label(c.status, lang)}</strong>
            <h2>{t('nextStep')}</h2>
            <p data-next-step>{c.nextStep[lang]}</p>
          </div>
          <dl className="card facts">
            <dt>{t('category')}</dt>
            <dd>{label(c.category, lang)}</dd>
            <dt>{t('handledBy')}</dt>
            <dd data-committee>{c.committee?.name || '—'}</dd>
            {c.committee?.office && (
              <>
                <dt>{t('committeeOffice')}</dt>
                <dd data-committee-office>{c.committee.office}</dd>
              </>
            )}
            {c.committee && (
              <>
                <dt>{t('committeePhone')}</dt>
                <dd data-committee-phone>
                  <a href={`tel:${c.committee.phone}`}>{c.committee.phone}</a>
                </dd>
              </>
            )}
            <dt>{t('yourMediator')}</dt>
            <dd>{c.mediator ?? t('mediatorToCome')}</dd>
            {c.nextDeadline && (
              <>
                <dt>{t('nextDeadline')}</dt>
                <dd>
                  {label(c.nextDeadline.kind, lang)} · {when(c.nextDeadline.at, lang)}
                </dd>
              </>
            )}
            <dt>{t('registeredAt')}</dt>
            <dd>{when(c.registeredAt, lang)}</dd>
          </dl>
          {c.mediation && (
            <PartyMediationPanels
              m={c.mediation}
              caseId={c.caseId}
              onCase={setActed}
              reload={reload}
            />
          )}
          <div className="card">
            <h2>{t('parties')}</h2>
            <ul>
              {c.parties?.map((p) => (
                <li key={p.partyId}>
                  {label(p.role, lang)}：{p.name} {p.you && <strong>{t('you')}</strong>}
                </li>
              ))}
            </ul>
          </div>
          <PartyEvidence caseId={c.caseId} />
        </>
      )}
    </section>
  );
}
