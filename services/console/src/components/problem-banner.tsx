import { useContext } from 'react';
import { Problem } from '../api';
import { LangContext, useT } from '../i18n';

/** The gateway's problem titles (one per status, docs/gateway.md) in the user's language. */
const TITLES: Record<number, [zh: string, en: string]> = {
  400: ['提交的内容有误', 'The request is not valid'],
  401: ['请重新登录', 'Please sign in again'],
  403: ['无权进行此操作', 'Not permitted'],
  404: ['未找到', 'Not found'],
  409: ['内容已被他人更改，请核对后重试', 'Changed by someone else: check and try again'],
  413: ['内容过大', 'Too large'],
  415: ['不支持的内容类型', 'Unsupported content type'],
  422: ['当前状态下不能进行此操作', 'Not possible in the current state'],
  429: ['操作过于频繁，请稍后再试', 'Too many requests: try again shortly'],
  500: ['系统内部错误', 'Internal error'],
  501: ['该功能的后端服务尚未完成', 'The service behind this is not implemented yet'],
  503: ['服务暂不可用，请稍后再试', 'Service unavailable: try again shortly'],
  504: ['服务响应超时，请稍后再试', 'The service did not answer in time'],
};

/**
 * Shows an API problem: its headline in the user's language, the service's detail and field
 * errors as sent, and the request id for support.
 */
export function ProblemBanner({ error }: { error: unknown }) {
  const t = useT();
  const { lang } = useContext(LangContext);
  if (!error) return null;
  const p = error instanceof Problem ? error : undefined;
  const title = p && TITLES[p.status] ? TITLES[p.status][lang === 'zh' ? 0 : 1] : p?.title;
  return (
    <div className="problem" role="alert" data-status={p?.status ?? 'error'}>
      <strong>{title ?? String(error)}</strong>
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
      {p?.requestId && (
        <small>
          {t('requestId')} {p.requestId}
        </small>
      )}
    </div>
  );
}
