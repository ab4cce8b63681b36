import { useContext, useState } from 'react';
import { api, tokenClaims } from '../../api';
import { LangContext } from '../../i18n';
import { label } from '../../labels';
import { ProblemBanner } from '../problem-banner';
import { isConflict, useFormSubmit } from '../use-form-submit';
import { AcceptanceSection } from './acceptance-section';
import { AftercareSection } from './aftercare-section';
import { AgreementSection } from './agreement-section';
import { CaseSection } from './case-section';
import { ClosingSection } from './closing-section';
import { ConfirmationSection } from './confirmation-section';
import { ConsentSection } from './consent-section';
import { FailureSection } from './failure-section';
import { HandoverSection } from './handover-section';
import type { MediationDetail, Party } from './mediation-detail';
import { MediatorsSection } from './mediators-section';
import { ParticipantsSection } from './participants-section';
import type { CaseDetail, Command, SectionProps } from './section-props';
import { SessionsSection } from './sessions-section';
import { when } from '../../time';

export type { MediationDetail } from './mediation-detail';
export type { CaseDetail } from './section-props';

/** One command at a time against the mediation; a failure shows next to the form it came from. */
function useCommand(m: MediationDetail, onChanged: () => void): Command {
  // The form that sent last: the failure, if any, is its own.
  const [lastForm, setLastForm] = useState<string | null>(null);
  // A stale version: re-read, so a retry carries the new one.
  const submission = useFormSubmit({ onFailure: (e) => isConflict(e) && onChanged() });
  const send: Command['send'] = (form, method, path, body) => {
    setLastForm(form);
    return submission.submit(async () => {
      await api(method, path, body);
      onChanged();
    });
  };
  const run: Command['run'] = (form, action, body) =>
    send(form, 'POST', `/mediations/${encodeURIComponent(m.mediationId)}/${action}`, {
      expectedVersion: m.version,
      ...body,
    });
  const banner = (form: string) => (
    <ProblemBanner error={lastForm === form ? submission.problem : null} />
  );
  return { busy: submission.busy, run, send, banner };
}

/**
 * The committee's commands on a case, each section shown only while the mediation's status admits
 * it: the acceptance decision, consent, mediators, invited participants, sessions, escalation and
 * transfer, agreement
 * or failure, performance and follow-ups, judicial confirmation, satisfaction, closing and
 * reopening, and the case's amendment or withdrawal. Each form shows the API's problem (field
 * errors included) next to it.
 */
export function MediatorActions({
  mediation: m,
  kase,
  parties: caseParties,
  onChanged,
}: {
  mediation: MediationDetail;
  kase: CaseDetail | null;
  parties: Party[];
  onChanged: () => void;
}) {
  const { lang } = useContext(LangContext);
  const command = useCommand(m, onChanged);
  const claims = tokenClaims();
  // Staff bound to a committee act only while their committee holds the case (the service
  // checks it too).
  const holdsCase = !claims?.committee_code || claims.committee_code === (m.committee?.code ?? '');
  if (!holdsCase) return null;

  const parties: Party[] = (m.parties?.length ? m.parties : caseParties).map((p) => ({
    ...p,
    name: caseParties.find((c) => c.partyId === p.partyId)?.name,
  }));
  const partyName = (id: string) => {
    const p = parties.find((x) => x.partyId === id);
    return p ? `${p.name ?? id} (${label(p.role, lang)})` : id;
  };
  const sections: SectionProps = {
    m,
    kase,
    parties,
    partyName,
    partyOptions: parties.map((p) => ({ id: p.partyId, text: partyName(p.partyId) })),
    when: (s) => when(s, lang),
    command,
  };
  // Always rendered (each hides itself), so a form keeps what was typed while its section is hidden.
  return (
    <>
      <AcceptanceSection {...sections} />
      <ConsentSection {...sections} />
      <MediatorsSection {...sections} />
      <ParticipantsSection {...sections} />
      <SessionsSection {...sections} />
      <HandoverSection {...sections} />
      <AgreementSection {...sections} />
      <FailureSection {...sections} />
      <AftercareSection {...sections} />
      <ConfirmationSection {...sections} />
      <ClosingSection {...sections} />
      <CaseSection {...sections} />
    </>
  );
}
