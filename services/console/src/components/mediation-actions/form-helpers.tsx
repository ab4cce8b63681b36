import type { InputHTMLAttributes, ReactNode } from 'react';
import { useT, type Key, type Lang } from '../../i18n';
import { label } from '../../labels';

/** `datetime-local` value for a Date, in the browser's time zone. */
export function localInput(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}
/** The instant of a `datetime-local` value, '' for none. */
export const iso = (local: string) => (local ? new Date(local).toISOString() : '');
/** The list with `id` added (once) or taken out. */
export const toggle = (list: string[], id: string, on: boolean) =>
  on ? [...new Set([...list, id])] : list.filter((x) => x !== id);

export interface Option {
  id: string;
  text: ReactNode;
}
/** Enum values as options, each shown by its label. */
export const labelled = (values: string[], lang: Lang): Option[] =>
  values.map((v) => ({ id: v, text: label(v, lang) }));

/** A control under its caption: `<label>caption<control /></label>`. */
export function Field({ text, children }: { text: Key; children: ReactNode }) {
  const t = useT();
  return (
    <label>
      {t(text)}
      {children}
    </label>
  );
}

type InputFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'> & {
  text: Key;
  name: string;
  value: string;
  onChange: (value: string) => void;
  /** The field's error, shown under the input. */
  error?: ReactNode;
};
/** A captioned `<input>` holding a string. */
export function InputField({ text, onChange, error, ...input }: InputFieldProps) {
  return (
    <Field text={text}>
      <input {...input} onChange={(e) => onChange(e.target.value)} />
      {error}
    </Field>
  );
}
/** A captioned `datetime-local` input (see localInput and iso). */
export const TimeField = (props: Omit<InputFieldProps, 'type'>) => (
  <InputField type="datetime-local" {...props} />
);

/** A captioned `<textarea>` of `rows` lines. */
export function TextAreaField({
  text,
  name,
  value,
  rows,
  onChange,
  error,
}: {
  text: Key;
  name: string;
  value: string;
  rows: number;
  onChange: (value: string) => void;
  /** The field's error, shown under the text. */
  error?: ReactNode;
}) {
  return (
    <Field text={text}>
      <textarea name={name} rows={rows} value={value} onChange={(e) => onChange(e.target.value)} />
      {error}
    </Field>
  );
}

/** A captioned `<select>` of the options, first a blank '—' (value '') where `blank`. */
export function SelectField({
  text,
  name,
  value,
  options,
  onChange,
  blank,
  error,
}: {
  text: Key;
  name: string;
  value: string;
  options: Option[];
  onChange: (value: string) => void;
  blank?: boolean;
  /** The field's error, shown under the select. */
  error?: ReactNode;
}) {
  return (
    <Field text={text}>
      <select name={name} value={value} onChange={(e) => onChange(e.target.value)}>
        {blank && <option value="">—</option>}
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.text}
          </option>
        ))}
      </select>
      {error}
    </Field>
  );
}

/** A checkbox with its caption after it. */
export function Check({
  name,
  value,
  checked,
  onChange,
  children,
}: {
  name: string;
  value?: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  children: ReactNode;
}) {
  return (
    <label className="inline check">
      <input
        type="checkbox"
        name={name}
        value={value}
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
      />
      {children}
    </label>
  );
}

/** A fieldset of checkboxes, one per option, `value` the ids checked. */
export function Checks({
  legend,
  name,
  options,
  value,
  onChange,
}: {
  legend: Key;
  name: string;
  options: Option[];
  value: string[];
  onChange: (value: string[]) => void;
}) {
  const t = useT();
  return (
    <fieldset>
      <legend>{t(legend)}</legend>
      <div className="checks" data-name={name}>
        {options.map((o) => (
          <Check
            key={o.id}
            name={name}
            value={o.id}
            checked={value.includes(o.id)}
            onChange={(on) => onChange(toggle(value, o.id, on))}
          >
            {o.text}
          </Check>
        ))}
      </div>
    </fieldset>
  );
}

/** A form that runs `submit` instead of navigating, under its heading (if any) and banner. */
export function ActionForm({
  className,
  title,
  banner,
  submit,
  children,
}: {
  className: string;
  title?: Key;
  banner?: ReactNode;
  submit: () => unknown;
  children: ReactNode;
}) {
  const t = useT();
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      className={className}
    >
      {title && <h3>{t(title)}</h3>}
      {banner}
      {children}
    </form>
  );
}

/** The form's submit button, named for the browser tests by `data-action`. */
export function Submit({
  action,
  text,
  disabled,
  className,
}: {
  action: string;
  text: Key;
  disabled: boolean;
  className?: string;
}) {
  const t = useT();
  return (
    <button type="submit" className={className} disabled={disabled} data-action={action}>
      {t(text)}
    </button>
  );
}
