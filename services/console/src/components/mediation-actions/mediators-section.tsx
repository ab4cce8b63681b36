import { useContext, useState } from 'react';
import { Problem } from '../../api';
import { LangContext, useT } from '../../i18n';
import { label } from '../../labels';
import { loadRoster, type CommitteeRoster } from '../../pages/roster';
import { ProblemBanner } from '../problem-banner';
import { Link } from '../router';
import { useLoad } from '../use-load';
import { ActionForm, Checks, InputField, SelectField, Submit } from './form-helpers';
import { statusIs } from './mediation-detail';
import type { SectionProps } from './section-props';

/**
 * Who mediates, while the case is open: the current mediators and recusals, assigning a lead and
 * assistants from the holding committee's roster (a party's choice recorded), and a party's
 * recusal of a mediator.
 */
export function MediatorsSection({ m, partyName, partyOptions, parties, command }: SectionProps) {
  const t = useT();
  const { lang } = useContext(LangContext);
  const { busy, run, banner } = command;
  const committeeCode = m.committee?.code ?? '';
  const open = statusIs(m, 'PENDING_ACCEPTANCE', 'IN_PROGRESS');
  const inProgress = statusIs(m, 'IN_PROGRESS');
  const roster = useLoad<{ roster: CommitteeRoster } | null>(
    () => (open && committeeCode ? loadRoster(committeeCode) : Promise.resolve(null)),
    [open, committeeCode],
  );
  const recused = m.recusedMediatorIds ?? [];
  const assigned = m.mediators ?? [];
  const members = roster.data?.roster.members ?? [];
  const assignable = members.filter((x) => x.active && !recused.includes(x.memberId));
  const memberName = (id: string) =>
    assigned.find((a) => a.mediatorId === id)?.displayName ||
    members.find((x) => x.memberId === id)?.name ||
    id;
  const memberOptions = (ids: string[]) => ids.map((id) => ({ id, text: memberName(id) }));

  // --- assignment ---
  const lead0 = assigned.find((a) => a.role === 'MEDIATOR_ROLE_LEAD')?.mediatorId ?? '';
  const [lead, setLead] = useState(lead0);
  const [assistants, setAssistants] = useState<string[]>([]);
  const [chosenMediator, setChosenMediator] = useState('');
  const [chosenBy, setChosenBy] = useState('');
  const [assignNote, setAssignNote] = useState('');
  // Only active, non-recused members can be picked (a stale choice falls away).
  const leadId = assignable.some((x) => x.memberId === lead) ? lead : '';
  const assistantIds = assistants.filter(
    (a) => a !== leadId && assignable.some((x) => x.memberId === a),
  );
  const assign = async () => {
    const picked = [leadId, ...assistantIds].filter(Boolean);
    const ok = await run('assign', 'mediators', {
      mediators: picked.map((id) => ({
        mediatorId: id,
        role: id === leadId ? 'MEDIATOR_ROLE_LEAD' : 'MEDIATOR_ROLE_ASSISTANT',
        ...(chosenBy && chosenMediator === id
          ? { chosenByParties: true, chosenByPartyId: chosenBy }
          : {}),
      })),
      note: assignNote,
    });
    if (ok) {
      setAssistants([]);
      setChosenMediator('');
      setChosenBy('');
      setAssignNote('');
    }
  };

  // --- recusal ---
  const [recParty, setRecParty] = useState('');
  const [recMediator, setRecMediator] = useState('');
  const [recReason, setRecReason] = useState('');
  const recusable = [
    ...assigned.map((a) => a.mediatorId),
    ...assignable.map((x) => x.memberId).filter((id) => !assigned.some((a) => a.mediatorId === id)),
  ];
  const recPartyId = parties.some((p) => p.partyId === recParty)
    ? recParty
    : (parties[0]?.partyId ?? '');
  const recMediatorId = recusable.includes(recMediator) ? recMediator : (recusable[0] ?? '');
  const recuse = async () => {
    const ok = await run('recusal', 'recusals', {
      partyId: recPartyId,
      mediatorId: recMediatorId,
      reason: recReason,
      method: 'CONSENT_METHOD_ORAL',
    });
    if (ok) setRecReason('');
  };

  if (!open) return null;
  const none = { id: '', text: t('noneOption') };
  return (
    <section className="card mediators" data-section="mediators">
      <h2>{t('assignMediators')}</h2>
      {m.leadRequired && (
        <p className="warning" data-lead-required="true">
          ⚠ {t('leadRequired')}
        </p>
      )}
      <h3>{t('currentMediators')}</h3>
      {assigned.length === 0 ? (
        <p className="muted">{t('unassigned')}</p>
      ) : (
        <ul className="assigned">
          {assigned.map((a) => (
            <li key={a.mediatorId} data-mediator={a.mediatorId} data-role={a.role}>
              {a.displayName || a.mediatorId} · {label(a.role, lang)}
              {a.chosenByPartyId
                ? ` · ${t('chosenBy')}: ${partyName(a.chosenByPartyId)}`
                : a.chosenByParties
                  ? ` · ${t('chosenBy')}`
                  : ''}
            </li>
          ))}
        </ul>
      )}
      {recused.length > 0 && (
        <p className="muted" data-recused={recused.join(',')}>
          {t('recused')}: {recused.map(memberName).join('、')}
        </p>
      )}
      <p className="muted">
        <Link to={`/roster/${encodeURIComponent(committeeCode)}`}>
          {t('roster')} ({committeeCode})
        </Link>
      </p>
      {roster.error instanceof Problem && [403, 404].includes(roster.error.status) ? (
        <p className="muted">{t('rosterUnavailable')}</p>
      ) : (
        <ProblemBanner error={roster.error} />
      )}
      {inProgress && (
        <ActionForm className="assign-form" banner={banner('assign')} submit={assign}>
          {roster.data && assignable.length === 0 ? (
            <p className="muted" data-empty-roster="true">
              {t('noActiveMembers')}
            </p>
          ) : (
            <>
              <SelectField
                text="lead"
                name="lead"
                value={leadId}
                onChange={setLead}
                options={[
                  none,
                  ...assignable.map((x) => ({
                    id: x.memberId,
                    text: (
                      <>
                        {x.name} · {label(x.role, lang)}
                        {x.specialities.length ? ` · ${x.specialities.join('、')}` : ''}
                      </>
                    ),
                  })),
                ]}
              />
              <Checks
                legend="assistants"
                name="assistants"
                options={assignable
                  .filter((x) => x.memberId !== leadId)
                  .map((x) => ({ id: x.memberId, text: x.name }))}
                value={assistantIds}
                onChange={setAssistants}
              />
              <div className="row">
                <SelectField
                  text="chosenMediator"
                  name="chosenMediator"
                  value={chosenMediator}
                  onChange={setChosenMediator}
                  options={[none, ...memberOptions([leadId, ...assistantIds].filter(Boolean))]}
                />
                <SelectField
                  text="chosenBy"
                  name="chosenBy"
                  value={chosenBy}
                  onChange={setChosenBy}
                  options={[none, ...partyOptions]}
                />
              </div>
              <InputField
                text="note"
                name="assignNote"
                value={assignNote}
                onChange={setAssignNote}
              />
              <Submit action="assign" text="assignMediators" disabled={busy} />
            </>
          )}
        </ActionForm>
      )}
      <ActionForm
        className="recusal-form"
        title="recusal"
        banner={banner('recusal')}
        submit={recuse}
      >
        <div className="row">
          <SelectField
            text="party"
            name="recusalParty"
            value={recPartyId}
            onChange={setRecParty}
            options={partyOptions}
          />
          <SelectField
            text="mediator"
            name="recusalMediator"
            value={recMediatorId}
            onChange={setRecMediator}
            options={memberOptions(recusable)}
          />
        </div>
        <InputField text="reason" name="recusalReason" value={recReason} onChange={setRecReason} />
        <Submit
          action="recusal"
          text="recordRecusal"
          className="secondary"
          disabled={busy || recusable.length === 0}
        />
      </ActionForm>
    </section>
  );
}
