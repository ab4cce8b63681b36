import type { ReactNode } from 'react';
import { InputField } from './mediation-actions/form-helpers';

/** How many people and how much money (元) a new case's dispute involves, typed without spaces. */
export function InvolvedFields({
  people,
  amountYuan,
  onPeople,
  onAmountYuan,
  peopleError,
  amountError,
}: {
  people: string;
  amountYuan: string;
  onPeople: (value: string) => void;
  onAmountYuan: (value: string) => void;
  peopleError?: ReactNode;
  amountError?: ReactNode;
}) {
  return (
    <>
      <InputField
        text="peopleInvolved"
        name="peopleInvolved"
        type="number"
        min={1}
        value={people}
        onChange={(v) => onPeople(v.trim())}
        error={peopleError}
      />
      <InputField
        text="amountInvolved"
        name="amountInvolved"
        inputMode="decimal"
        value={amountYuan}
        onChange={(v) => onAmountYuan(v.trim())}
        error={amountError}
      />
    </>
  );
}
