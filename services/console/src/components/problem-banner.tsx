import { Problem } from '../api';
import { useT } from '../i18n';

/** Shows an API problem; 501 gets a plain sentence, since several services are still being built. */
export function ProblemBanner({ error }: { error: unknown }) {
  const t = useT();
  if (!error) return null;
  const p = error instanceof Problem ? error : undefined;
  return (
    <div className="problem" role="alert" data-status={p?.status ?? 'error'}>
      <strong>{p?.status === 501 ? t('notImplemented') : (p?.title ?? String(error))}</strong>
      {p?.detail && p.status !== 501 && <div>{p.detail}</div>}
      {p?.errors.length ? (
        <ul>
          {p.errors.map((e) => (
            <li key={e.field + e.description}>
              <code>{e.field}</code>: {e.description}
            </li>
          ))}
        </ul>
      ) : null}
      {p?.requestId && <small>request id {p.requestId}</small>}
    </div>
  );
}
