import { useContext, useEffect, useState } from 'react';
import { api, download, session, stream, tokenClaims } from '../api';
import { AlertList } from '../components/alert-list';
import { Bars, LineChart } from '../components/charts';
import { ProblemBanner } from '../components/problem-banner';
import { useLoad } from '../components/use-load';
import { LangContext, useT, type Key, type Lang } from '../i18n';
import { hasLabel, label } from '../labels';
import { CsvButton, columnTitle, percentOf, reportCell, tableTitle } from '../components/figures';
import { saveCsv } from '../csv';
import { formatFen } from '../money';

type Figures = Record<string, number | { amountFen: string } | null | undefined>;
interface Summary {
  total: Figures | null;
  breakdowns: { dimension: string; rows: { key: string; figures: Figures }[] }[];
  asOf: string | null;
}
interface ReportRow {
  key: string;
  label: string;
  values: number[];
}
interface Crumb {
  code: string;
  name: string;
}

const KPIS: [field: string, key: Key][] = [
  ['opened', 'opened'],
  ['accepted', 'accepted'],
  ['agreementsWritten', 'agreements'],
  ['failed', 'failed'],
  ['openBacklog', 'backlog'],
  ['overdue', 'overdueCount'],
];
const n = (f: Figures | null | undefined, k: string) =>
  typeof f?.[k] === 'number' ? (f[k] as number) : 0;
/** A money figure's fen ('0' when none). */
const fen = (f: Figures | null | undefined, k: string) => {
  const v = f?.[k];
  return v && typeof v === 'object' ? v.amountFen : '0';
};
/** Money, rates and satisfaction: figures that are not counts, each with its own reading. */
const MEASURES: [
  field: string,
  key: Key,
  read: (f: Figures | null | undefined, lang: Lang) => string,
][] = [
  ['amountInvolved', 'amountInvolvedKpi', (f, lang) => formatFen(fen(f, 'amountInvolved'), lang)],
  [
    'agreementAmount',
    'agreementAmountKpi',
    (f, lang) => formatFen(fen(f, 'agreementAmount'), lang),
  ],
  ['performanceRate', 'performanceRate', (f) => percentOf(n(f, 'performanceRate'))],
  [
    'judicialConfirmationRate',
    'judicialConfirmationRate',
    (f) => percentOf(n(f, 'judicialConfirmationRate')),
  ],
  ['meanSatisfaction', 'meanSatisfaction', (f) => (n(f, 'meanSatisfaction') || 0).toFixed(1)],
];
const thisMonth = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
const monthsBack = (key: string, count: number) => {
  const [y, m] = key.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 - count, 1));
  return d.toISOString().slice(0, 7);
};

/** Live KPIs, trend, categories, drill-down with breadcrumb, flow, alerts and report tables. */
export function DashboardPage() {
  const t = useT();
  const { lang } = useContext(LangContext);
  const root = tokenClaims()?.org_unit_code ?? '210200';
  const [crumbs, setCrumbs] = useState<Crumb[]>([
    { code: root, name: root === '210200' ? '大连市' : root },
  ]);
  const [period, setPeriod] = useState(thisMonth());
  const here = crumbs[crumbs.length - 1].code;
  const q = `orgUnitCode=${here}&period=${period}`;

  const [live, setLive] = useState<Summary | null>(null);
  const [liveError, setLiveError] = useState<unknown>(null);
  const [updates, setUpdates] = useState(0);
  useEffect(() => {
    const abort = new AbortController();
    setLive(null);
    setLiveError(null);
    const follow = async () => {
      // The gateway ends the stream when the token that opened it ends; once the console has
      // refreshed the token, the stream opens again with the new one.
      for (;;) {
        const opened = session.token();
        const end = await stream(
          `/stream/summary?${q}&dimensions=CATEGORY,CHANNEL`,
          abort.signal,
          (data) => {
            setLive((data as { summary: Summary }).summary);
            setUpdates((u) => u + 1);
          },
        );
        if (end !== 'expired' || abort.signal.aborted || session.token() === opened) return;
      }
    };
    follow().catch((e) => {
      if (!abort.signal.aborted) setLiveError(e);
    });
    return () => abort.abort();
  }, [q]);

  const summary = useLoad(
    () => api<Summary>('GET', `/statistics/summary?${q}&dimensions=CATEGORY,CHANNEL`),
    [q],
  );
  const trend = useLoad(
    () =>
      api<{ points: { period: { key: string }; figures: Figures }[] }>(
        'GET',
        `/statistics/timeseries?orgUnitCode=${here}&from=${monthsBack(period, 11)}&to=${period}`,
      ),
    [here, period],
  );
  const drill = useLoad(
    () =>
      api<{ children: { orgUnit: { code: string }; name: string; figures: Figures }[] }>(
        'GET',
        `/statistics/drilldown?${q}`,
      ),
    [q],
  );
  const flow = useLoad(
    () =>
      api<{
        total: {
          surfacedAtPoints: number;
          destinations: { destination: string; cases: number }[];
        } | null;
      }>('GET', `/statistics/flow?${q}`),
    [q],
  );
  const report = useLoad(
    () =>
      api<{
        title: string;
        tables: {
          tableId: string;
          title: string;
          columns: { key: string; title: string; unit: string }[];
          rows: ReportRow[];
          total: ReportRow | null;
        }[];
      }>('GET', `/statistics/report?orgUnitCode=${here}&kind=MONTHLY&period=${period}`),
    [here, period],
  );
  const [csvError, setCsvError] = useState<unknown>(null);

  const current = live ?? summary.data;
  const breakdown = (dimension: string) =>
    current?.breakdowns.find((b) => b.dimension === dimension)?.rows ?? [];
  const categories = breakdown('DIMENSION_CATEGORY');
  // How the cases came in: at a platform, by the 12348 hotline, online (the party app), referred.
  const channels = breakdown('DIMENSION_CHANNEL');

  return (
    <div className="stack dashboard">
      <section className="card">
        <nav className="breadcrumb" aria-label="breadcrumb">
          {crumbs.map((c, i) => (
            <span key={c.code}>
              {i > 0 && ' › '}
              <button className="link" onClick={() => setCrumbs(crumbs.slice(0, i + 1))}>
                {c.name}
              </button>
            </span>
          ))}
        </nav>
        <label className="inline">
          {t('period')}{' '}
          <input
            type="month"
            value={period}
            onChange={(e) => e.target.value && setPeriod(e.target.value)}
            name="period"
          />
        </label>
        <span className={`live ${live ? 'on' : ''}`} data-updates={updates}>
          ● {t('live')} {updates > 0 ? `(${updates})` : ''}
        </span>
        <ProblemBanner error={liveError && !summary.data ? liveError : summary.error} />
        <div className="kpis">
          {KPIS.map(([field, key]) => (
            <div className="kpi" key={field} data-kpi={field}>
              <div className="kpi-value">{n(current?.total, field)}</div>
              <div className="kpi-label">{t(key)}</div>
            </div>
          ))}
          {MEASURES.map(([field, key, read]) => (
            <div className="kpi" key={field} data-kpi={field}>
              <div className="kpi-value">{read(current?.total, lang)}</div>
              <div className="kpi-label">{t(key)}</div>
            </div>
          ))}
        </div>
      </section>
      <div className="grid2">
        <section className="card">
          <h3>{t('trend')}</h3>
          <ProblemBanner error={trend.error} />
          {trend.data && (
            <LineChart
              title={t('trend')}
              points={trend.data.points.map((p) => ({
                label: p.period.key,
                value: n(p.figures, 'opened'),
              }))}
            />
          )}
        </section>
        <BreakdownCard
          name="categories"
          title="byCategory"
          column="category"
          rows={categories}
          file={`categories-${here}-${period}.csv`}
        />
        <BreakdownCard
          name="channels"
          title="byChannel"
          column="channel"
          rows={channels}
          file={`channels-${here}-${period}.csv`}
        />
        <OnlineCard
          total={current?.total}
          onlineApplications={n(
            channels.find((r) => r.key === 'CHANNEL_ONLINE')?.figures,
            'opened',
          )}
        />
      </div>
      <section className="card">
        <h3>
          {t('drilldown')}{' '}
          <CsvButton
            name="drilldown"
            onSave={() =>
              saveCsv(`drilldown-${here}-${period}.csv`, [
                [t('orgUnitName'), ...KPIS.slice(0, 4).map(([, key]) => t(key))],
                ...(drill.data?.children ?? []).map((c) => [
                  c.name,
                  ...KPIS.slice(0, 4).map(([field]) => n(c.figures, field)),
                ]),
              ])
            }
          />
        </h3>
        <ProblemBanner error={drill.error} />
        {drill.data && (
          <table className="drilldown">
            <thead>
              <tr>
                <th>{t('orgUnitName')}</th>
                {KPIS.slice(0, 4).map(([field, key]) => (
                  <th key={field}>{t(key)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {drill.data.children.map((c) => (
                <tr key={c.orgUnit.code}>
                  <td>
                    <button
                      className="link"
                      data-code={c.orgUnit.code}
                      onClick={() => setCrumbs([...crumbs, { code: c.orgUnit.code, name: c.name }])}
                    >
                      {c.name}
                    </button>
                  </td>
                  {KPIS.slice(0, 4).map(([field]) => (
                    <td key={field}>{n(c.figures, field)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <div className="grid2">
        <section className="card">
          <h3>
            {t('flow')}{' '}
            <CsvButton
              name="flow"
              onSave={() =>
                saveCsv(`flow-${here}-${period}.csv`, [
                  [t('flow'), t('cases')],
                  ...(flow.data?.total?.destinations ?? []).map((d) => [
                    label(d.destination, lang),
                    d.cases,
                  ]),
                ])
              }
            />
          </h3>
          <ProblemBanner error={flow.error} />
          {flow.data?.total && (
            <Bars
              rows={flow.data.total.destinations.map((d) => ({
                label: label(d.destination, lang),
                value: d.cases,
              }))}
            />
          )}
        </section>
        <AlertList orgUnitCode={here} />
      </div>
      <section className="card report-section">
        <h3>
          {t('report')}{' '}
          <button className="secondary" data-print-report onClick={() => window.print()}>
            {t('printReport')}
          </button>{' '}
          <button
            className="secondary"
            onClick={() =>
              void download(
                `/statistics/report?orgUnitCode=${here}&kind=MONTHLY&period=${period}&format=csv`,
                `report-${period}.csv`,
              ).catch(setCsvError)
            }
          >
            {t('exportCsv')}
          </button>
        </h3>
        <ProblemBanner error={report.error ?? csvError} />
        {report.data?.title && <p className="report-title">{report.data.title}</p>}
        {report.data?.tables.map((table) => {
          const rows = [...table.rows, ...(table.total ? [table.total] : [])];
          const rowLabel = (r: ReportRow) => (hasLabel(r.key) ? label(r.key, lang) : r.label);
          const total = (r: ReportRow) => r === table.total;
          const cells = (r: ReportRow) =>
            r.values.map((v, i) => reportCell(v, table.columns[i]?.unit ?? '', lang));
          return (
            <table key={table.tableId} className="report" data-table={table.tableId}>
              <caption>
                {tableTitle(table, lang)}{' '}
                <CsvButton
                  name={table.tableId}
                  onSave={() =>
                    saveCsv(`${table.tableId}-${here}-${period}.csv`, [
                      ['', ...table.columns.map((c) => columnTitle(c, lang))],
                      ...rows.map((r) => [total(r) ? t('total') : rowLabel(r), ...cells(r)]),
                    ])
                  }
                />
              </caption>
              <thead>
                <tr>
                  <th />
                  {table.columns.map((c) => (
                    <th key={c.key}>{columnTitle(c, lang)}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.key} className={total(r) ? 'total' : ''}>
                    <th>{total(r) ? t('total') : rowLabel(r)}</th>
                    {cells(r).map((v, i) => (
                      <td key={i} data-unit={table.columns[i]?.unit}>
                        {v}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          );
        })}
      </section>
    </div>
  );
}

/** One breakdown of the cases opened (by category, by channel): bars, and the same as CSV. */
function BreakdownCard({
  name,
  title,
  column,
  rows,
  file,
}: {
  name: string;
  title: Key;
  column: Key;
  rows: { key: string; figures: Figures }[];
  file: string;
}) {
  const t = useT();
  const { lang } = useContext(LangContext);
  return (
    <section className="card" data-breakdown={name}>
      <h3>
        {t(title)}{' '}
        <CsvButton
          name={name}
          onSave={() =>
            saveCsv(file, [
              [t(column), t('opened')],
              ...rows.map((r) => [label(r.key, lang), n(r.figures, 'opened')]),
            ])
          }
        />
      </h3>
      {rows.length === 0 ? (
        <p>{t('noData')}</p>
      ) : (
        <Bars
          rows={rows.map((r) => ({ label: label(r.key, lang), value: n(r.figures, 'opened') }))}
        />
      )}
    </section>
  );
}

/**
 * What the parties did in the parties' app and what the reminders did: online applications (the
 * online channel's cases opened), consents, refusals and agreement signatures given online,
 * reminders sent, and the no-show rate of parties reminded of a session before it and of the
 * others, each rate with the counts behind it.
 */
function OnlineCard({
  total,
  onlineApplications,
}: {
  total: Figures | null | undefined;
  onlineApplications: number;
}) {
  const t = useT();
  const counts: [field: string, key: Key, value: number][] = [
    ['onlineApplications', 'onlineApplications', onlineApplications],
    ['consentsOnline', 'consentsOnline', n(total, 'consentsOnline')],
    ['refusalsOnline', 'refusalsOnline', n(total, 'refusalsOnline')],
    ['agreementSignaturesOnline', 'signaturesOnline', n(total, 'agreementSignaturesOnline')],
    ['remindersSent', 'remindersSent', n(total, 'remindersSent')],
  ];
  const remindedNoShows = n(total, 'remindedNoShows');
  const reminded = remindedNoShows + n(total, 'remindedAttendances');
  const otherNoShows = n(total, 'sessionNoShows') - remindedNoShows;
  const others = n(total, 'sessionNoShows') + n(total, 'sessionAttendances') - reminded;
  const rates: [field: string, key: Key, noShows: number, parties: number, rate: number][] = [
    [
      'noShowRateReminded',
      'noShowReminded',
      remindedNoShows,
      reminded,
      n(total, 'noShowRateReminded'),
    ],
    [
      'noShowRateNotReminded',
      'noShowNotReminded',
      otherNoShows,
      others,
      n(total, 'noShowRateNotReminded'),
    ],
  ];
  return (
    <section className="card" data-card="online-reminders">
      <h3>{t('onlineAndReminders')}</h3>
      <div className="figure-grid">
        {counts.map(([field, key, value]) => (
          <div className="kpi" key={field} data-measure={field} data-value={value}>
            <div className="kpi-value">{value}</div>
            <div className="kpi-label">{t(key)}</div>
          </div>
        ))}
        {rates.map(([field, key, noShows, parties, rate]) => (
          <div
            className="kpi"
            key={field}
            data-measure={field}
            data-value={rate}
            data-no-shows={noShows}
            data-parties={parties}
          >
            <div className="kpi-value">{percentOf(rate)}</div>
            <div className="kpi-label">{t(key)}</div>
            <div className="kpi-detail">
              {t('noShowsOfParties')
                .replace('{n}', String(noShows))
                .replace('{d}', String(parties))}
            </div>
          </div>
        ))}
      </div>
    </section>
  );
}
