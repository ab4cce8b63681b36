import { useContext, useState } from 'react';
import { api, Problem, tokenClaims } from '../../api';
import { LangContext } from '../../i18n';
import { label } from '../../labels';
import { ProblemBanner } from '../problem-banner';
import { ConfirmationSection } from './confirmation-section';
import type { MediationDetail, Party } from './mediation-detail';
import { MediatorsSection } from './mediators-section';
import type { Command, SectionProps } from './section-props';
import { SessionsSection } from './sessions-section';

export type { MediationDetail } from './mediation-detail';

/** One command at a time against the mediation; a failure shows next to the form it came from. */
function useCommand(m: MediationDetail, onChanged: () => void): Command {
  const [failed, setFailed] = useState<{ form: string; error: unknown } | null>(null);
  const [busy, setBusy] = useState(false);
  const run: Command['run'] = async (form, action, body) => {
    setFailed(null);
    setBusy(true);
    try {
      await api('POST', `/mediations/${encodeURIComponent(m.mediationId)}/${action}`, {
        expectedVersion: m.version,
        ...body,
      });
      onChanged();
      return true;
    } catch (e) {
      setFailed({ form, error: e });
      // A stale version: re-read, so a retry carries the new one.
      if (e instanceof Problem && e.status === 409) onChanged();
      return false;
    } finally {
      setBusy(false);
    }
  };
  const banner = (form: string) => (
    <ProblemBanner error={failed?.form === form ? failed.error : null} />
  );
  return { busy, run, banner };
}

/**
 * The committee's steps the case page did not have: assign mediators from the holding
 * committee's roster (a party's choice recorded), a party's recusal of a mediator, schedule and
 * record sessions, and judicial confirmation (the joint application, then the court's results).
 * Each form shows the API's problem (field errors included) next to it.
 */
export function MediatorActions({
  mediation: m,
  parties: caseParties,
  onChanged,
}: {
  mediation: MediationDetail;
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
    parties,
    partyName,
    partyOptions: parties.map((p) => ({ id: p.partyId, text: partyName(p.partyId) })),
    when: (s) => (s ? new Date(s).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB') : '—'),
    command,
  };
  // Always rendered (each hides itself), so a form keeps what was typed while its section is hidden.
  return (
    <>
      <MediatorsSection {...sections} />
      <SessionsSection {...sections} />
      <ConfirmationSection {...sections} />
    </>
  );
}
