import { useContext, useState } from 'react';
import { LangContext, useT } from '../../i18n';
import { CATEGORIES, valuesOf } from '../../labels';
import { money, yuanToFen } from '../../money';
import {
  ActionForm,
  InputField,
  SelectField,
  Submit,
  labelled,
  TextAreaField,
} from './form-helpers';
import { allows } from './mediation-detail';
import type { SectionProps } from './section-props';

const RISK_LEVELS = valuesOf('RISK_LEVEL_');

/**
 * The case's own commands (intake): amending the registration before acceptance (with the
 * reason for it) and a party's withdrawal while the case is open.
 */
export function CaseSection({ m, kase, parties, partyOptions, command }: SectionProps) {
  const t = useT();
  const { lang } = useContext(LangContext);
  const { busy, send, banner } = command;
  const [edits, setEdits] = useState<{
    category?: string;
    description?: string;
    people?: string;
    amount?: string;
    risk?: string;
  }>({});
  const [amendReason, setAmendReason] = useState('');
  const [withdrawingParty, setWithdrawingParty] = useState('');
  const [withdrawReason, setWithdrawReason] = useState('');
  if (!kase) return null;
  // Before acceptance: intake's own state is still "registered" and the mediation is pending.
  const canAmend = kase.intakeStatus === 'CASE_STATUS_REGISTERED' && allows(m, 'accept');
  const canWithdraw = allows(m, 'withdraw');
  if (!canAmend && !canWithdraw) return null;
  const path = `/cases/${encodeURIComponent(kase.caseId)}`;
  const amountFen = kase.amountInvolved?.amountFen;
  const current = {
    category: kase.category,
    description: kase.description,
    people: kase.peopleInvolved ? String(kase.peopleInvolved) : '',
    amount: amountFen && amountFen !== '0' ? String(Number(amountFen) / 100) : '',
    risk: kase.risk?.level && !kase.risk.level.endsWith('UNSPECIFIED') ? kase.risk.level : '',
  };
  const value = { ...current, ...edits };
  const amend = async () => {
    if (value.amount && yuanToFen(value.amount) === null) return;
    // Only what was changed is sent: the amendment records each change.
    const changes = {
      ...(value.category !== current.category ? { category: value.category } : {}),
      ...(value.description !== current.description ? { description: value.description } : {}),
      ...(value.people !== current.people && value.people
        ? { peopleInvolved: Number(value.people) }
        : {}),
      ...(value.amount !== current.amount && value.amount
        ? { amountInvolved: money(value.amount) }
        : {}),
      ...(value.risk !== current.risk && value.risk
        ? {
            risk: {
              level: value.risk,
              factors: kase.risk?.factors ?? [],
              note: kase.risk?.note ?? '',
            },
          }
        : {}),
    };
    const ok = await send('case', 'PATCH', path, {
      expectedVersion: kase.version,
      reason: amendReason,
      changes,
    });
    if (ok) {
      setEdits({});
      setAmendReason('');
    }
  };
  const withdraw = () =>
    send('case', 'POST', `${path}/withdraw`, {
      expectedVersion: kase.version,
      partyId: withdrawingParty || parties[0]?.partyId,
      reason: withdrawReason,
    });
  return (
    <section className="card case-commands" data-section="case">
      <h2>{t('caseChanges')}</h2>
      {banner('case')}
      {canAmend && (
        <ActionForm className="amend-form" title="amend" submit={amend}>
          <div className="row">
            <SelectField
              text="category"
              name="amendCategory"
              value={value.category}
              options={labelled(CATEGORIES, lang)}
              onChange={(v) => setEdits((e) => ({ ...e, category: v }))}
            />
            <InputField
              text="peopleInvolved"
              name="amendPeople"
              type="number"
              min={1}
              value={value.people}
              onChange={(v) => setEdits((e) => ({ ...e, people: v }))}
            />
            <InputField
              text="amountInvolved"
              name="amendAmount"
              inputMode="decimal"
              value={value.amount}
              onChange={(v) => setEdits((e) => ({ ...e, amount: v }))}
            />
            <SelectField
              text="risk"
              name="amendRisk"
              value={value.risk}
              options={[{ id: '', text: t('noneOption') }, ...labelled(RISK_LEVELS, lang)]}
              onChange={(v) => setEdits((e) => ({ ...e, risk: v }))}
            />
          </div>
          <TextAreaField
            text="description"
            name="amendDescription"
            rows={2}
            value={value.description}
            onChange={(v) => setEdits((x) => ({ ...x, description: v }))}
          />
          <InputField
            text="amendReason"
            name="amendReason"
            value={amendReason}
            onChange={setAmendReason}
          />
          <Submit action="amend" text="amend" disabled={busy} />
        </ActionForm>
      )}
      {canWithdraw && (
        <ActionForm className="withdraw-form" title="withdraw" submit={withdraw}>
          <div className="row">
            <SelectField
              text="withdrawingParty"
              name="withdrawingParty"
              value={withdrawingParty || parties[0]?.partyId || ''}
              options={partyOptions}
              onChange={setWithdrawingParty}
            />
            <InputField
              text="withdrawReason"
              name="withdrawReason"
              value={withdrawReason}
              onChange={setWithdrawReason}
            />
          </div>
          <Submit action="withdraw" text="withdraw" disabled={busy} className="secondary" />
        </ActionForm>
      )}
    </section>
  );
}
