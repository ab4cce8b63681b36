import { useContext, useEffect, useState } from 'react';
import { api } from '../api';
import { ProblemBanner } from '../components/problem-banner';
import { Link } from '../components/router';
import { useLoad } from '../components/use-load';
import { LangContext, useT } from '../i18n';
import { label } from '../labels';
import { when } from '../time';

interface InboxItem {
  itemId: string;
  caseId: string;
  caseNumber: string;
  kind: string;
  partyId: string;
  partyRole: string;
  occurredAt: string | null;
  committeeCode: string;
  committeeName?: string;
  sessionId: string;
  read: boolean;
  note: string;
}

interface InboxPage {
  items: InboxItem[];
  page: { nextPageToken: string } | null;
  unreadCount: number;
}

/** The service counts unread items up to 1,000. */
const countText = (n: number) => (n >= 1000 ? '999+' : String(n));

/**
 * 收件箱 (committee staff): what the parties did in the party app on the cases of the user's
 * scope, newest first; unread rows stand out and are marked read one by one or a page at once
 * (for this user only).
 */
export function StaffInboxPage() {
  const t = useT();
  const { lang } = useContext(LangContext);
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [pageToken, setPageToken] = useState('');
  const [earlier, setEarlier] = useState<InboxItem[]>([]);
  const [marked, setMarked] = useState<Set<string>>(new Set());
  const [markError, setMarkError] = useState<unknown>(null);
  // Marked since the count was last read from the service.
  const [markedSinceCount, setMarkedSinceCount] = useState(0);
  const page = useLoad(() => {
    const q = new URLSearchParams({ pageSize: '50' });
    if (unreadOnly) q.set('unread', 'true');
    if (pageToken) q.set('pageToken', pageToken);
    return api<InboxPage>('GET', `/inbox?${q}`);
  }, [unreadOnly, pageToken]);
  useEffect(() => setMarkedSinceCount(0), [page.data]);
  const items = [...earlier, ...(page.data?.items ?? [])];
  const isRead = (i: InboxItem) => i.read || marked.has(i.itemId);
  const unread = Math.max(0, (page.data?.unreadCount ?? 0) - markedSinceCount);
  const next = page.data?.page?.nextPageToken;

  const markRead = async (ids: string[]) => {
    const fresh = ids.filter((id) => !marked.has(id));
    if (!fresh.length) return;
    try {
      const done = await api<{ marked: number }>('POST', '/inbox/read', { itemIds: fresh });
      setMarked((m) => new Set([...m, ...fresh]));
      setMarkedSinceCount((n) => n + done.marked);
      setMarkError(null);
    } catch (e) {
      setMarkError(e);
    }
  };
  const restart = (only: boolean) => {
    setEarlier([]);
    setMarked(new Set());
    setPageToken('');
    setUnreadOnly(only);
  };
  const unreadHere = items.filter((i) => !isRead(i)).map((i) => i.itemId);

  return (
    <section className="card staff-inbox">
      <h2>
        {t('staffInbox')}{' '}
        {page.data && (
          <span className="badge" data-unread={unread}>
            {t('unreadCount')} {countText(unread)}
          </span>
        )}
      </h2>
      <p className="muted">{t('staffInboxHint')}</p>
      <div className="search-bar">
        <label>
          <input
            type="checkbox"
            name="unreadOnly"
            checked={unreadOnly}
            onChange={(e) => restart(e.target.checked)}
          />{' '}
          {t('unreadOnly')}
        </label>
        {unreadHere.length > 0 && (
          <button type="button" className="secondary" onClick={() => void markRead(unreadHere)}>
            {t('markPageRead')}
          </button>
        )}
      </div>
      <ProblemBanner error={page.error ?? markError} />
      {page.loading && items.length === 0 && <p>{t('loading')}</p>}
      {!page.loading && items.length === 0 && <p>{t('noData')}</p>}
      {items.length > 0 && (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th>{t('inboxWhen')}</th>
                <th>{t('inboxWhat')}</th>
                <th>{t('inboxWho')}</th>
                <th>{t('caseRef')}</th>
                <th>{t('inboxHolder')}</th>
                <th>{t('status')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {items.map((i) => {
                const read = isRead(i);
                return (
                  <tr
                    key={i.itemId}
                    className={read ? undefined : 'unread'}
                    data-item={i.itemId}
                    data-kind={i.kind}
                    data-read={read}
                  >
                    <td>{when(i.occurredAt, lang)}</td>
                    <td>{read ? label(i.kind, lang) : <strong>{label(i.kind, lang)}</strong>}</td>
                    <td>{i.partyRole ? label(i.partyRole, lang) : t('party')}</td>
                    <td>
                      <Link to={`/cases/${encodeURIComponent(i.caseId)}`}>
                        {i.caseNumber || i.caseId}
                      </Link>
                    </td>
                    <td>{i.committeeName ?? i.committeeCode}</td>
                    <td>{read ? t('read') : t('unread')}</td>
                    <td>
                      {!read && (
                        <button
                          type="button"
                          className="secondary"
                          onClick={() => void markRead([i.itemId])}
                        >
                          {t('markRead')}
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {next && (
        <button
          type="button"
          className="secondary"
          onClick={() => {
            setEarlier(items);
            setPageToken(next);
          }}
        >
          {t('more')}
        </button>
      )}
    </section>
  );
}
