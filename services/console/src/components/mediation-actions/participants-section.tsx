import { useContext, useState } from 'react';
import { LangContext, useT } from '../../i18n';
import { label, valuesOf } from '../../labels';
import { ActionForm, Checks, InputField, SelectField, Submit, labelled } from './form-helpers';
import { statusIs } from './mediation-detail';
import type { SectionProps } from './section-props';

const RELATIONS = valuesOf('PARTICIPANT_RELATION_');

/**
 * Inviting others to help (Law art. 20: the parties' relatives, neighbours, colleagues, experts),
 * while the mediation is in progress and with every party's consent: who, how related, and the
 * parties who consented (all of them, or the service refuses). The invited so far are listed.
 */
export function ParticipantsSection({ m, partyName, partyOptions, command }: SectionProps) {
  const t = useT();
  const { lang } = useContext(LangContext);
  const { busy, run, banner } = command;
  const [name, setName] = useState('');
  const [relation, setRelation] = useState(RELATIONS[0]);
  const [note, setNote] = useState('');
  const [consenting, setConsenting] = useState<string[] | null>(null);
  const invited = m.participants ?? [];
  const inProgress = statusIs(m, 'IN_PROGRESS');
  if (!inProgress && invited.length === 0) return null;
  const everyParty = partyOptions.map((o) => o.id);
  const invite = async () => {
    const ok = await run('participants', 'participants', {
      participants: [{ name, relation, note, consentingPartyIds: consenting ?? everyParty }],
    });
    if (ok) {
      setName('');
      setNote('');
    }
  };
  return (
    <section className="card participants" data-section="participants">
      <h2>{t('participants')}</h2>
      {invited.length > 0 && (
        <ul className="participants-invited">
          {invited.map((p) => (
            <li key={p.participantId} data-relation={p.relation}>
              {p.name} · {label(p.relation, lang)}
              {p.note ? ` · ${p.note}` : ''} · {t('consentedBy')}:{' '}
              {p.consentingPartyIds.map(partyName).join('、')}
            </li>
          ))}
        </ul>
      )}
      {inProgress && (
        <ActionForm className="participants-form" banner={banner('participants')} submit={invite}>
          <div className="row">
            <InputField
              text="participantName"
              name="participantName"
              value={name}
              onChange={setName}
            />
            <SelectField
              text="participantRelation"
              name="participantRelation"
              value={relation}
              options={labelled(RELATIONS, lang)}
              onChange={setRelation}
            />
          </div>
          <InputField text="note" name="participantNote" value={note} onChange={setNote} />
          <Checks
            legend="consentedBy"
            name="participantConsents"
            options={partyOptions}
            value={consenting ?? everyParty}
            onChange={setConsenting}
          />
          <Submit action="invite" text="invite" disabled={busy} />
        </ActionForm>
      )}
    </section>
  );
}
