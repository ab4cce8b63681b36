import { statisticsV1, toTimestamp } from '@mediation/contracts';
import { InvalidInputError } from '@mediation/domain-kit';
import type { RpcCall } from '@mediation/service-kit';
import { toFigureValues, type FigureValues } from '../../domain/figures';
import { CATEGORY_LABELS, REPORT_COLUMNS, SOURCE_LABELS, toCsv } from '../../domain/report-layout';
import { orgUnitRef } from '../../mapping/org-unit-ref';
import { authorizeUnit } from '../shared/unit-access';
import type { RollupSources } from '../shared/rollup-sources';
import { parsePeriod, periodMessage } from '../../mapping/request-parsing';
import { dimensionBacklogAt, readRollups } from '../shared/rollup.reader';

const K = statisticsV1.ReportKind;
const columns = REPORT_COLUMNS.map((c) => ({
  key: c.key,
  title: c.title,
  unit: statisticsV1.ColumnUnit[`COLUMN_UNIT_${c.unit}` as keyof typeof statisticsV1.ColumnUnit],
}));
const row = (key: string, label: string, f: FigureValues) => ({
  key,
  label,
  values: REPORT_COLUMNS.map((c) => c.value(f)),
});

/** The monthly / annual report of an org unit: by category, by source and by child unit. */
export async function getReport(
  sources: RollupSources,
  request: statisticsV1.GetReportRequest,
  call: RpcCall,
): Promise<statisticsV1.GetReportResponse> {
  const unit = request.orgUnitCode;
  authorizeUnit(call.principal, unit, sources.directory);
  const period = parsePeriod(request.period);
  const wanted =
    request.kind === K.REPORT_KIND_ANNUAL
      ? 'YEAR'
      : request.kind === K.REPORT_KIND_MONTHLY
        ? 'MONTH'
        : undefined;
  if (!wanted) throw new InvalidInputError('kind', 'monthly or annual');
  if (period.granularity !== wanted)
    throw new InvalidInputError('period.granularity', `${wanted} for this kind`);
  const store = sources.readModel.rollups;
  const children = sources.directory.children(unit).filter((c) => c.active);
  const rollups = await readRollups(store, [unit, ...children.map((c) => c.code)], period);
  const own = rollups.get(unit);
  const total = row('total', '合计', toFigureValues(own?.counters ?? {}, own?.openBacklog ?? 0));
  const byDimension = (dimension: 'category' | 'source', labels: Record<string, string>) => {
    const backlog = dimensionBacklogAt(own?.backlogDocs ?? {}, period, dimension);
    return Object.entries(labels).map(([key, label]) =>
      row(key, label, toFigureValues(own?.doc?.d?.[dimension]?.[key] ?? {}, backlog.get(key) ?? 0)),
    );
  };
  const name = sources.directory.fullName(unit);
  const tables: statisticsV1.ReportTable[] = [
    {
      tableId: 'by-category',
      title: '人民调解案件分类统计表',
      columns,
      rows: byDimension('category', CATEGORY_LABELS),
      total,
    },
    {
      tableId: 'by-source',
      title: '人民调解案件来源统计表',
      columns,
      rows: byDimension('source', SOURCE_LABELS),
      total,
    },
    {
      tableId: 'by-org-unit',
      title: '下级单位人民调解工作统计表',
      columns,
      rows: children.map((c) => {
        const r = rollups.get(c.code);
        return row(c.code, c.name, toFigureValues(r?.counters ?? {}, r?.openBacklog ?? 0));
      }),
      total,
    },
  ];
  const title = `${name}人民调解工作${wanted === 'YEAR' ? '年' : '月'}报表（${period.key}）`;
  const csv = request.format === statisticsV1.ReportFormat.REPORT_FORMAT_CSV;
  return {
    orgUnit: orgUnitRef(sources.directory, unit),
    kind: request.kind,
    period: periodMessage(period),
    title,
    tables,
    csv: csv ? Buffer.from(toCsv(title, tables), 'utf8') : Buffer.alloc(0),
    csvFileName: csv ? `mediation-report-${unit}-${period.key}.csv` : '',
    generatedAt: toTimestamp(new Date()),
  };
}
