import { useContext } from 'react';
import { LangContext, useT } from '../../i18n';
import { valuesOf } from '../../labels';
import { money, yuanToFen } from '../../money';
import { InputField, SelectField, labelled, type Option } from './form-helpers';

const KINDS = valuesOf('OBLIGATION_KIND_');
const MANNERS = valuesOf('PERFORMANCE_MANNER_');

/** One obligation as typed: amounts in 元, due dates as `date` inputs. */
export interface ObligationDraft {
  obligor: string;
  obligee: string;
  kind: string;
  description: string;
  amount: string;
  manner: string;
  due: string;
  instalments: { amount: string; due: string }[];
}

export const newObligation = (obligor = '', obligee = ''): ObligationDraft => ({
  obligor,
  obligee,
  kind: KINDS[0],
  description: '',
  amount: '',
  manner: 'PERFORMANCE_MANNER_LUMP_SUM',
  due: '',
  instalments: [],
});

/** The end of the office day (17:00 local) of a `date` input's value. */
const dueOf = (day: string) => (day ? new Date(`${day}T17:00`).toISOString() : undefined);

/** Every amount typed is 元 with at most two decimals (empty is fine). */
export const amountsValid = (list: ObligationDraft[]) =>
  list.every(
    (o) =>
      (!o.amount || yuanToFen(o.amount) !== null) &&
      o.instalments.every((x) => yuanToFen(x.amount) !== null),
  );

/**
 * The obligation as the API takes it (amounts in fen). Instalments carry the schedule; the total,
 * when not typed, is their sum. A due date starts the performance timer.
 */
export function toObligation(o: ObligationDraft) {
  const instalments =
    o.manner === 'PERFORMANCE_MANNER_INSTALMENTS'
      ? o.instalments.map((x, i) => ({
          number: i + 1,
          amount: money(x.amount)!,
          dueAt: dueOf(x.due)!,
        }))
      : [];
  const sum = instalments.reduce((s, x) => s + BigInt(x.amount.amountFen), 0n);
  const amount =
    money(o.amount) ??
    (instalments.length ? { currencyCode: 'CNY', amountFen: String(sum) } : undefined);
  return {
    obligorPartyId: o.obligor,
    obligeePartyId: o.obligee,
    kind: o.kind,
    description: o.description,
    ...(amount ? { amount } : {}),
    manner: o.manner,
    ...(o.manner !== 'PERFORMANCE_MANNER_INSTALMENTS' && o.due ? { dueAt: dueOf(o.due) } : {}),
    instalments,
  };
}

/** The form of one obligation: who owes whom what, how much (元), by when or in instalments. */
export function ObligationEditor({
  index,
  value,
  parties,
  onChange,
  onRemove,
}: {
  index: number;
  value: ObligationDraft;
  parties: Option[];
  onChange: (o: ObligationDraft) => void;
  onRemove: () => void;
}) {
  const t = useT();
  const { lang } = useContext(LangContext);
  const set = (patch: Partial<ObligationDraft>) => onChange({ ...value, ...patch });
  const name = (field: string) => `obligations[${index}].${field}`;
  const setInstalment = (i: number, patch: Partial<{ amount: string; due: string }>) =>
    set({ instalments: value.instalments.map((x, n) => (n === i ? { ...x, ...patch } : x)) });
  return (
    <fieldset className="obligation" data-obligation={index}>
      <legend>
        {t('obligation')} {index + 1}{' '}
        <button type="button" className="link" onClick={onRemove}>
          {t('remove')}
        </button>
      </legend>
      <div className="row">
        <SelectField
          text="obligor"
          name={name('obligor')}
          value={value.obligor}
          options={parties}
          onChange={(v) => set({ obligor: v })}
        />
        <SelectField
          text="obligee"
          name={name('obligee')}
          value={value.obligee}
          options={parties}
          onChange={(v) => set({ obligee: v })}
        />
        <SelectField
          text="obligationKind"
          name={name('kind')}
          value={value.kind}
          options={labelled(KINDS, lang)}
          onChange={(v) => set({ kind: v })}
        />
      </div>
      <InputField
        text="obligationText"
        name={name('description')}
        value={value.description}
        onChange={(v) => set({ description: v })}
      />
      <div className="row">
        <InputField
          text="amountYuan"
          name={name('amount')}
          inputMode="decimal"
          value={value.amount}
          onChange={(v) => set({ amount: v })}
        />
        <SelectField
          text="manner"
          name={name('manner')}
          value={value.manner}
          options={labelled(MANNERS, lang)}
          onChange={(v) =>
            set({
              manner: v,
              instalments:
                v === 'PERFORMANCE_MANNER_INSTALMENTS' && value.instalments.length === 0
                  ? [{ amount: '', due: '' }]
                  : value.instalments,
            })
          }
        />
        {value.manner !== 'PERFORMANCE_MANNER_INSTALMENTS' && (
          <InputField
            text="dueDate"
            name={name('due')}
            type="date"
            value={value.due}
            onChange={(v) => set({ due: v })}
          />
        )}
      </div>
      {value.manner === 'PERFORMANCE_MANNER_INSTALMENTS' && (
        <div className="instalments">
          <strong>{t('instalments')}</strong>
          {value.instalments.map((x, i) => (
            <div className="row" key={i} data-instalment={i + 1}>
              <span className="instalment-no">#{i + 1}</span>
              <InputField
                text="amountYuan"
                name={name(`instalments[${i}].amount`)}
                inputMode="decimal"
                value={x.amount}
                onChange={(v) => setInstalment(i, { amount: v })}
              />
              <InputField
                text="dueDate"
                name={name(`instalments[${i}].due`)}
                type="date"
                value={x.due}
                onChange={(v) => setInstalment(i, { due: v })}
              />
            </div>
          ))}
          <button
            type="button"
            className="secondary"
            data-add-instalment={index}
            onClick={() => set({ instalments: [...value.instalments, { amount: '', due: '' }] })}
          >
            {t('addInstalment')}
          </button>
        </div>
      )}
    </fieldset>
  );
}
