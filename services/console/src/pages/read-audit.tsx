import { useContext, useState, type FormEvent } from 'react';
import { api } from '../api';
import { when } from '../time';
import { ProblemBanner } from '../components/problem-banner';
import { Link } from '../components/router';
import { useLoad } from '../components/use-load';
import { LangContext, useT, type Key } from '../i18n';
import { label, roleLabel } from '../labels';

interface ReadAuditEntry {
  entryId: string;
  readAt: string | null;
  caseId: string;
  caseNumber: string;
  reader: { subject: string; role: string; orgUnitCode: string; displayName: string } | null;
  what: string;
  why: string;
  documentId: string;
}

interface Query {
  by: 'caseId' | 'reader';
  value: string;
  from: string;
  to: string;
}

/** What was read, by the RPC intake names. */
const WHAT: Record<string, Key> = {
  GetCase: 'readGetCase',
  GetDocument: 'readGetDocument',
  ListCases: 'readListCases',
  GetPartyContacts: 'readGetPartyContacts',
  GetAgreementDocument: 'readGetAgreementDocument',
  ExportCaseFile: 'readExportCaseFile',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The case id behind what the administrator typed: a case id as it is, a case number (what people
 * know, e.g. （2026）元滩光景调字第00010号) through the case list's number search, exact match only;
 * null when no case has that number.
 */
async function caseIdOf(typed: string): Promise<string | null> {
  if (UUID.test(typed)) return typed;
  const q = new URLSearchParams({ caseNumber: typed, pageSize: '20' });
  const { cases } = await api<{ cases: { caseId: string; caseNumber: string }[] }>(
    'GET',
    `/cases?${q}`,
  );
  return cases.find((c) => c.caseNumber === typed)?.caseId ?? null;
}

/** A `datetime-local` value as RFC 3339 (the browser's own offset). */
const rfc3339 = (local: string) => (local ? new Date(local).toISOString() : '');

/**
 * 查阅记录 (administrators): who read which personal data, by case or by user, newest first, with
 * why they could (their scope, or a referral at their desk); pages on with "more".
 */
export function ReadAuditPage() {
  const t = useT();
  const { lang } = useContext(LangContext);
  const [form, setForm] = useState<Query>({ by: 'caseId', value: '', from: '', to: '' });
  const [query, setQuery] = useState<Query | null>(null);
  const [pageToken, setPageToken] = useState('');
  const [earlier, setEarlier] = useState<ReadAuditEntry[]>([]);
  const page = useLoad(async () => {
    if (!query) return null;
    let value = query.value.trim();
    if (query.by === 'caseId') {
      const caseId = await caseIdOf(value);
      if (!caseId) return { entries: [], page: null, noSuchCase: true };
      value = caseId;
    }
    const q = new URLSearchParams({ [query.by]: value, pageSize: '100' });
    if (query.from) q.set('from', rfc3339(query.from));
    if (query.to) q.set('to', rfc3339(query.to));
    if (pageToken) q.set('pageToken', pageToken);
    return api<{
      entries: ReadAuditEntry[];
      page: { nextPageToken: string } | null;
      noSuchCase?: boolean;
    }>('GET', `/audit/reads?${q}`);
  }, [query, pageToken]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setEarlier([]);
    setPageToken('');
    setQuery({ ...form });
  };
  const entries = [...earlier, ...(page.data?.entries ?? [])];
  const next = page.data?.page?.nextPageToken;
  const why = (w: string) =>
    w === 'scope'
      ? t('whyScope')
      : w === 'party'
        ? t('whyParty')
        : w.startsWith('referral:')
          ? t('whyReferral')
          : w.startsWith('notice:')
            ? `${t('whyNotice')}：${label(w, lang)}`
            : w;
  return (
    <section className="card read-audit">
      <h2>{t('readAudit')}</h2>
      <p className="muted">{t('readAuditHint')}</p>
      <form className="search-bar" onSubmit={submit}>
        <select
          name="by"
          aria-label={t('readAudit')}
          value={form.by}
          onChange={(e) => setForm({ ...form, by: e.target.value as Query['by'] })}
        >
          <option value="caseId">{t('byCase')}</option>
          <option value="reader">{t('byUser')}</option>
        </select>
        <input
          name="value"
          required
          value={form.value}
          placeholder={form.by === 'caseId' ? t('caseNumberOrId') : t('userId')}
          aria-label={form.by === 'caseId' ? t('caseNumberOrId') : t('userId')}
          onChange={(e) => setForm({ ...form, value: e.target.value })}
        />
        <label>
          {t('from')}{' '}
          <input
            type="datetime-local"
            name="from"
            value={form.from}
            onChange={(e) => setForm({ ...form, from: e.target.value })}
          />
        </label>
        <label>
          {t('to')}{' '}
          <input
            type="datetime-local"
            name="to"
            value={form.to}
            onChange={(e) => setForm({ ...form, to: e.target.value })}
          />
        </label>
        <button type="submit">{t('search')}</button>
      </form>
      <ProblemBanner error={page.error} />
      {query && page.loading && <p>{t('loading')}</p>}
      {query && !page.loading && page.data?.noSuchCase && <p>{t('noSuchCaseNumber')}</p>}
      {query && !page.loading && !page.data?.noSuchCase && entries.length === 0 && (
        <p>{t('noData')}</p>
      )}
      {entries.length > 0 && (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th>{t('readAt')}</th>
                <th>{t('reader')}</th>
                <th>{t('caseRef')}</th>
                <th>{t('what')}</th>
                <th>{t('why')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.entryId} data-reader={e.reader?.subject} data-case-id={e.caseId}>
                  <td>{when(e.readAt, lang)}</td>
                  <td>
                    {e.reader?.displayName || e.reader?.subject} · {roleLabel(e.reader?.role, lang)}
                  </td>
                  <td>
                    <Link to={`/cases/${e.caseId}`}>{e.caseNumber || e.caseId}</Link>
                  </td>
                  <td>
                    {WHAT[e.what] ? t(WHAT[e.what]) : e.what}
                    {e.documentId ? ` (${e.documentId})` : ''}
                  </td>
                  <td>{why(e.why)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {next && (
        <button
          type="button"
          className="secondary"
          onClick={() => {
            setEarlier(entries);
            setPageToken(next);
          }}
        >
          {t('more')}
        </button>
      )}
    </section>
  );
}
