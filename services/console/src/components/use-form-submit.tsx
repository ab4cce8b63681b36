import { useState } from 'react';
import { Problem } from '../api';
import { ProblemBanner } from './problem-banner';

/** Field errors by field path, as the gateway's Problem and the client-side checks name them. */
export type FieldErrors = Record<string, string>;

/** A stale expected version (409): the caller re-reads, so a retry carries the new one. */
export const isConflict = (e: unknown) => e instanceof Problem && e.status === 409;

/**
 * A form's submission: busy while a request runs, the last failure for the banner, and the
 * errors per field (the client-side checks', else the API Problem's).
 * `onFailure` sees every failure, e.g. to reload after a stale version (409).
 */
export function useFormSubmit({
  onFailure,
  describe,
}: {
  onFailure?: (error: unknown) => void;
  /** The words a field error is shown in (default: the API's description as sent). */
  describe?: (field: string, description: string) => string;
} = {}) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<unknown>(null);
  const [errors, setErrors] = useState<FieldErrors>({});

  /** Shows the local errors; with none, runs `send`. True once `send` succeeded. */
  const submit = async (send: () => Promise<unknown>, local: FieldErrors = {}) => {
    setErrors(local);
    setProblem(null);
    if (Object.keys(local).length) return false;
    setBusy(true);
    try {
      await send();
      return true;
    } catch (e) {
      if (e instanceof Problem)
        setErrors(
          Object.fromEntries(
            e.errors.map((x) => [x.field, describe?.(x.field, x.description) ?? x.description]),
          ),
        );
      setProblem(e);
      onFailure?.(e);
      return false;
    } finally {
      setBusy(false);
    }
  };

  /** The field's error, marked by `data-field` for the browser tests; nothing while it has none. */
  const err = (field: string) =>
    errors[field] && (
      <span className="field-error" data-field={field}>
        {errors[field]}
      </span>
    );

  return { busy, problem, submit, err, banner: <ProblemBanner error={problem} /> };
}
