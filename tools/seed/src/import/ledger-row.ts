import { derivedId, normalisePhone, residentIdProblem } from '@mediation/contracts';
import type { OrgDirectory } from '@mediation/org-directory';
import { textProblem } from '@mediation/service-kit';
import { ACT_SPACING_MS } from '../loader';
import type { CasePlan, EntryKind, PartyPlan, Step } from '../plan';
import {
  MAX_PARTIES,
  categoryOf,
  channelOf,
  outcomeOf,
  type Outcome,
  type PartyField,
} from './columns';
import { parseLedgerDate } from './ledger-date';
import type { OrgUnitResolver } from './org-unit-resolver';

// One row of a city's ledger: every check made before anything is sent (dates parse, are not in
// the future and follow each other; category, channel and org unit known; parties valid as intake
// checks them), then the case's plan: registration and steps at their backfilled times, played
// by the same loader as the demo history.

/** A data row: its number in the file (the header is row 1) and its values by column. */
export interface LedgerRow {
  row: number;
  values: Record<string, string>;
}

export type RowVerdict =
  { plan: CasePlan; problems?: undefined } | { plan?: undefined; problems: string[] };

/** Registers every imported case: its idempotency key is scoped to this subject. */
export const LEDGER_REGISTRAR = 'ledger-import';

/** The OpenCase idempotency key of a ledger's case: from its reference, not its row. */
export const ledgerKey = (reference: string) => `ledger:${derivedId('ledger', reference)}`;

/** Hours (CST) that a date without a time of day stands for. */
const DEFAULT_HOUR = { registered: 9, agreed: 14, closed: 17 };
const MINUTE = 60_000;
const LIMITS = { reference: 64, name: 100, address: 200, summary: 5_000 };

export interface RowContext {
  dir: OrgDirectory;
  units: OrgUnitResolver;
  now: Date;
}

export function planRow({ row, values }: LedgerRow, ctx: RowContext): RowVerdict {
  const problems: string[] = [];
  const get = (column: string) => values[column]?.trim() ?? '';
  const text = (column: string, max: number, kind: 'name' | 'free', required = true) => {
    const value = get(column);
    const unsafe = textProblem(value, kind);
    if (unsafe) problems.push(`${column} ${unsafe}`);
    else if (!value && required) problems.push(`${column} is required`);
    else if ([...value].length > max) problems.push(`${column}: at most ${max} characters`);
    return value;
  };

  const reference = text('reference', LIMITS.reference, 'name');
  const summary = text('summary', LIMITS.summary, 'free');
  const mediatorName = text('mediator', LIMITS.name, 'name', false);

  const category = categoryOf(get('category'));
  if (!category) problems.push(`category: unknown "${get('category')}"`);
  const channel = channelOf(get('channel'));
  if (!channel) problems.push(`channel: unknown "${get('channel')}"`);
  const outcome = outcomeOf(get('outcome'));
  if (!outcome) problems.push(`outcome: unknown "${get('outcome')}"`);

  const unit = ctx.units.resolve(get('org_unit'));
  if ('problem' in unit) problems.push(`org_unit: ${unit.problem}`);

  const amountFen = yuanToFen(get('amount'), 'amount', problems);
  const agreedFen = yuanToFen(get('agreed_amount'), 'agreed_amount', problems);
  const parties = partiesOf(get, ctx.now, problems);
  const peopleRaw = get('people_involved');
  const people = peopleRaw ? Number(peopleRaw) : parties.length;
  if (!Number.isInteger(people) || people < 1 || people > 1_000_000)
    problems.push(`people_involved: expected a whole number, got "${peopleRaw}"`);

  const satisfactionRaw = get('satisfaction');
  const satisfaction = satisfactionRaw ? Number(satisfactionRaw) : undefined;
  if (
    satisfaction !== undefined &&
    !(Number.isInteger(satisfaction) && satisfaction >= 1 && satisfaction <= 5)
  )
    problems.push(`satisfaction: expected 1 to 5, got "${satisfactionRaw}"`);

  const steps = outcome
    ? stepsOf(get, outcome, parties.length, agreedFen, satisfaction, ctx.now, problems)
    : undefined;

  if (problems.length > 0 || !steps || 'problem' in unit || !category || !channel)
    return { problems };
  const entry: EntryKind =
    channel === 'walk-in' ? (unit.level.toLowerCase() as EntryKind) : channel;
  const court = ctx.dir.competentBasicCourt(unit.code);
  const plan: CasePlan = {
    index: row,
    key: ledgerKey(reference),
    openedAt: steps.openedAt,
    entry,
    orgUnitCode: unit.code,
    districtCode: ctx.dir.districtOf(unit.code)?.code ?? '',
    category,
    peopleInvolved: Math.max(people, parties.length),
    amountFen,
    description: summary,
    parties,
    court: { code: court?.id ?? '', deskCode: court?.desks[0]?.id ?? '' },
    steps: steps.steps,
    demo: false,
    ledger: { reference, registrar: LEDGER_REGISTRAR, mediatorName: mediatorName || undefined },
  };
  return { plan };
}

/** "12,000", "12000.5", "¥800", "800元"; empty is 0. */
function yuanToFen(raw: string, column: string, problems: string[]): number {
  const cleaned = raw.replace(/[,，\s¥￥元]/g, '');
  if (!cleaned) return 0;
  if (!/^\d{1,12}(\.\d{1,2})?$/.test(cleaned)) {
    problems.push(`${column}: expected an amount in yuan (e.g. 1200.50), got "${raw}"`);
    return 0;
  }
  const [yuan, fen = ''] = cleaned.split('.');
  return Number(yuan) * 100 + Number(fen.padEnd(2, '0'));
}

function partiesOf(get: (c: string) => string, now: Date, problems: string[]): PartyPlan[] {
  const parties: PartyPlan[] = [];
  for (let n = 1; n <= MAX_PARTIES; n++) {
    const col = (f: PartyField) => `party${n}_${f}`;
    const [name, phone, idNumber, address] = (
      ['name', 'phone', 'id_number', 'address'] as const
    ).map((f) => get(col(f)));
    if (!name && !phone && !idNumber && !address) continue;
    const unsafe = textProblem(name, 'name');
    if (unsafe) problems.push(`${col('name')} ${unsafe}`);
    else if (!name) problems.push(`${col('name')} is required for party ${n}`);
    else if ([...name].length > LIMITS.name)
      problems.push(`${col('name')}: at most ${LIMITS.name} characters`);
    const normalised = phone ? normalisePhone(phone) : undefined;
    if (phone && !normalised)
      problems.push(
        `${col('phone')}: expected a mainland mobile (1[3-9] + 9 digits) or a landline with area code, got "${phone}"`,
      );
    const idProblem = idNumber ? residentIdProblem(idNumber, now) : undefined;
    if (idProblem) problems.push(`${col('id_number')}: ${idProblem}`);
    const addressUnsafe = textProblem(address, 'free');
    if (addressUnsafe) problems.push(`${col('address')} ${addressUnsafe}`);
    else if ([...address].length > LIMITS.address)
      problems.push(`${col('address')}: at most ${LIMITS.address} characters`);
    parties.push({
      role: n === 1 ? 'APPLICANT' : 'RESPONDENT',
      name,
      phone: normalised?.value ?? '',
      idNumber: idNumber.toUpperCase(),
      address,
    });
  }
  if (!get('party1_name') || !parties.slice(1).some((p) => p.name))
    problems.push('at least two parties: party1 (applicant) and party2 (respondent) need a name');
  return parties;
}

/**
 * The case's steps at their backfilled times. Dates without a time stand for 09:00 (registered),
 * 14:00 (agreement) and 17:00 (closed) CST; the steps in between are spaced within those hours.
 */
function stepsOf(
  get: (c: string) => string,
  outcome: Outcome,
  parties: number,
  agreedFen: number,
  satisfaction: number | undefined,
  now: Date,
  problems: string[],
): { openedAt: Date; steps: Step[] } | undefined {
  const date = (column: string, hour: number) => {
    const raw = get(column);
    if (!raw) return undefined;
    const parsed = parseLedgerDate(raw, hour);
    if (!parsed) problems.push(`${column}: not a date (e.g. 2024-03-05 or 2024年3月5日): "${raw}"`);
    else if (parsed.at > now) problems.push(`${column} ${raw} is in the future`);
    return parsed?.at;
  };
  const registered = date('registered_on', DEFAULT_HOUR.registered);
  if (!get('registered_on')) problems.push('registered_on is required');
  const closed = date('closed_on', DEFAULT_HOUR.closed);
  const agreedRaw = date('agreed_on', DEFAULT_HOUR.agreed);
  const agreement = outcome === 'AGREEMENT_WRITTEN' || outcome === 'AGREEMENT_ORAL';
  if (outcome === 'OPEN' && get('closed_on'))
    problems.push('closed_on: an open case has no closing date');
  if (outcome !== 'OPEN' && !get('closed_on'))
    problems.push(`closed_on is required for outcome ${get('outcome')}`);
  if (!agreement && get('agreed_on')) problems.push('agreed_on is only for an agreement');
  if (outcome !== 'AGREEMENT_WRITTEN' && agreedFen > 0)
    problems.push('agreed_amount is only for a written agreement (its payment term)');
  if (!agreement && satisfaction !== undefined)
    problems.push('satisfaction is only for an agreement');
  if (!registered || (outcome !== 'OPEN' && !closed) || problems.length > 0) return undefined;
  if (closed && closed < registered) return void problems.push('closed_on is before registered_on');

  const t0 = registered.getTime();
  const at = (ms: number) => new Date(ms);
  const accept: Step[] = [
    { kind: 'accept', at: at(t0 + 30 * MINUTE) },
    { kind: 'consent', at: at(t0 + 60 * MINUTE) },
  ];
  // The consent step's last act: once per party, ACT_SPACING_MS apart.
  const consented = t0 + 60 * MINUTE + (parties - 1) * ACT_SPACING_MS;
  const end = closed?.getTime() ?? 0;
  let steps: Step[];
  switch (outcome) {
    case 'OPEN':
      steps = accept;
      break;
    case 'WITHDRAWN':
      steps = [{ kind: 'withdraw', at: at(end), reason: '当事人申请撤回（原台账记载）' }];
      break;
    case 'REJECTED':
      steps = [
        { kind: 'reject', at: at(end - 30 * MINUTE) },
        { kind: 'close', at: at(end), outcome: 'REJECTED' },
      ];
      break;
    case 'FAILED':
      steps = [
        ...accept,
        { kind: 'fail', at: at(end - 30 * MINUTE), referToCourt: false },
        { kind: 'close', at: at(end), outcome: 'FAILED' },
      ];
      break;
    default: {
      const agreed = agreedRaw?.getTime() ?? end - 3 * 60 * MINUTE;
      if (agreedRaw && agreedRaw < registered)
        return void problems.push('agreed_on is before registered_on');
      if (agreedRaw && closed && agreedRaw > closed)
        return void problems.push('agreed_on is after closed_on');
      const written = outcome === 'AGREEMENT_WRITTEN';
      steps = [
        ...accept,
        { kind: 'agree', at: at(agreed), form: written ? 'WRITTEN' : 'ORAL', amountFen: agreedFen },
        ...(written ? [{ kind: 'perform', at: at(end - 20 * MINUTE) } as Step] : []),
        ...(satisfaction
          ? [{ kind: 'satisfaction', at: at(end - 10 * MINUTE), score: satisfaction } as Step]
          : []),
        { kind: 'close', at: at(end), outcome: 'AGREEMENT_PERFORMED' },
      ];
      // The lead mediator is appointed a minute before the agreement (loader), after consent.
      if (agreed - ACT_SPACING_MS <= consented)
        return void problems.push(
          'agreed_on leaves no time for acceptance and consent after registration (give the times of day)',
        );
    }
  }
  for (let i = 1; i < steps.length; i++)
    if (steps[i].at <= steps[i - 1].at)
      return void problems.push(
        `the ${steps[i].kind} step would not come after the ${steps[i - 1].kind} step: give the times of day`,
      );
  if (steps[0] && steps[0].at.getTime() <= t0)
    return void problems.push(
      `the ${steps[0].kind} step would not come after the registration: give the times of day`,
    );
  if (steps.length > 2 && steps[2].at.getTime() <= consented)
    return void problems.push(
      `the ${steps[2].kind} step would not come after the parties' consent: give the times of day`,
    );
  const last = steps[steps.length - 1];
  if (last && last.at > now)
    return void problems.push(`closed_on: its time (${last.at.toISOString()}) is in the future`);
  return { openedAt: registered, steps };
}
