import { columnOf } from './columns';
import { LedgerFormatError, parseLedger } from './read-ledger';
import { parseLedgerDate } from './ledger-date';

const HEADER =
  'reference,registered_on,channel,category,org_unit,summary,outcome,party1_name,party2_name';

describe('parseLedger', () => {
  it('reads quoted fields with commas, quotes and line breaks, numbering rows as a spreadsheet does', () => {
    const csv = `${HEADER}\r\nA-1,2024-01-02,walk_in,NEIGHBOUR,210202001006,"漏水, 墙面""受损""\n第二行",open,甲,乙\r\n\r\nA-2,2024-01-03,online,LABOUR,210202001006,欠薪,open,丙,丁\r\n`;
    const { rows, ignored } = parseLedger(csv);
    expect(ignored).toEqual([]);
    expect(rows.map((r) => [r.row, r.values.reference])).toEqual([
      [2, 'A-1'],
      [4, 'A-2'], // row 3 is blank
    ]);
    expect(rows[0].values.summary).toBe('漏水, 墙面"受损"\n第二行');
  });

  it('takes a byte order mark, Chinese headers, and reports the columns it does not read', () => {
    const csv = Buffer.from(
      '\uFEFF案件编号,登记日期,来源渠道,纠纷类型,调委会,纠纷简要情况,调解结果,申请人姓名,被申请人姓名,当事人2电话,备注\nB-1,2024-01-02,来访,邻里,210202001006,噪音,调解中,甲,乙,13800000000,x\n',
      'utf8',
    );
    const { rows, ignored } = parseLedger(csv);
    expect(ignored).toEqual(['备注']);
    expect(rows[0].values).toMatchObject({
      reference: 'B-1',
      party1_name: '甲',
      party2_name: '乙',
      party2_phone: '13800000000',
      outcome: '调解中',
    });
  });

  it('refuses a file without the required columns, with a column twice, or not in UTF-8', () => {
    expect(() => parseLedger('reference,summary\nA,b\n')).toThrow(
      new LedgerFormatError(
        'missing columns: registered_on, channel, category, org_unit, outcome, party1_name, party2_name',
      ),
    );
    expect(() => parseLedger(`${HEADER},案件编号\n`)).toThrow('columns given twice: reference');
    expect(() => parseLedger(Buffer.from([0x61, 0xb0, 0xb8, 0x0a]))).toThrow('not UTF-8');
  });

  it('matches headers without case, spaces or separators', () => {
    expect(columnOf(' Party1 Name ')).toBe('party1_name');
    expect(columnOf('Registered-On')).toBe('registered_on');
    expect(columnOf('当事人3身份证号')).toBe('party3_id_number');
  });
});

describe('parseLedgerDate', () => {
  it.each([
    ['2024-03-05', '2024-03-05T01:00:00.000Z', false],
    ['2024/3/5', '2024-03-05T01:00:00.000Z', false],
    ['2024年3月5日', '2024-03-05T01:00:00.000Z', false],
    ['2024-03-05 14:30', '2024-03-05T06:30:00.000Z', true],
    ['2024.3.5 08:05:09', '2024-03-05T00:05:09.000Z', true],
  ])('reads %s as China Standard Time', (raw, iso, timed) => {
    expect(parseLedgerDate(raw, 9)).toEqual({ at: new Date(iso), timed });
  });

  it.each(['2023-02-29', '2024-13-01', '2024-03-05 24:00', '05/03/2024', 'yesterday', ''])(
    'refuses %j',
    (raw) => expect(parseLedgerDate(raw, 9)).toBeUndefined(),
  );
});
