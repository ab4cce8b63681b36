import { CST_OFFSET_MS, commonV1, withResidentIdCheckChar } from '@mediation/contracts';
import type { OrgDirectory, OrgUnit } from '@mediation/org-directory';
import { Prng } from './prng';

// A deterministic plan of a city's mediation history (DOMAIN.md): who came with what, where,
// when, and every step of each case until it was settled, referred or left open today. Pure:
// no service is called here (the loader plays the plan through the services' gRPC commands).

const { DisputeCategory: C } = commonV1;
const DAY = 86_400_000;
const HOUR = 3_600_000;

export interface PlanOptions {
  cases: number;
  years: number;
  seed: number;
  /** The end of the history: nothing is planned later than this (`historyEnd` of a day). */
  now: Date;
}

/**
 * The end of the history planned at `t`: the start of its day (CST), so that a plan made on one
 * day is the same all day long (`--resume` finds what a run before registered). Five minutes
 * after midnight still plan the day before: a step's acts run a minute or two past its time, and
 * a backfilled time in the future is refused.
 */
export function historyEnd(t: Date): Date {
  const ms = t.getTime() - 5 * 60_000;
  return new Date(ms - ((((ms + CST_OFFSET_MS) % DAY) + DAY) % DAY));
}

/** How long before the end of the history its probe (see `planHistory`) is registered. */
export const PROBE_LEAD_MS = HOUR;
/** Mixed into the seed for the probe's own PRNG stream. */
const PROBE_STREAM = 0x5a17_e5ed;

/** The end of the history whose probe was registered at `at` (the day it was planned for). */
export const historyEndOfProbe = (at: Date) => new Date(at.getTime() + PROBE_LEAD_MS);

export type EntryKind = 'point' | 'community' | 'street' | 'district' | 'hotline' | 'online';
export type EntrustKind = 'COURT_PRE_FILING' | 'PETITION_HANDOVER' | 'POLICE_HANDOVER';

export interface PartyPlan {
  role: 'APPLICANT' | 'RESPONDENT';
  name: string;
  idNumber: string;
  phone: string;
  /** A ledger's address; planned parties get one in their case's unit. */
  address?: string;
}

/** One mediation step (or intake / referral command) of a case, at its time. */
export type Step =
  | { kind: 'accept'; at: Date }
  | { kind: 'reject'; at: Date }
  | { kind: 'escalate'; at: Date }
  | { kind: 'consent'; at: Date }
  | { kind: 'agree'; at: Date; form: 'WRITTEN' | 'ORAL'; amountFen: number }
  | { kind: 'confirm-request'; at: Date }
  | { kind: 'confirm-accepted'; at: Date }
  | { kind: 'confirmed'; at: Date }
  | { kind: 'perform'; at: Date }
  | { kind: 'follow-up'; at: Date }
  | { kind: 'satisfaction'; at: Date; score: number }
  | { kind: 'fail'; at: Date; referToCourt: boolean }
  | { kind: 'referral-claim'; at: Date }
  | { kind: 'referral-outcome'; at: Date }
  | {
      kind: 'close';
      at: Date;
      outcome: 'AGREEMENT_PERFORMED' | 'AGREEMENT_CONFIRMED' | 'FAILED' | 'REJECTED';
    }
  | { kind: 'withdraw'; at: Date; reason: string };

export interface CasePlan {
  index: number;
  /** OpenCase / EntrustCase idempotency key: same history (`historyName`) and index, same case. */
  key: string;
  openedAt: Date;
  entry: EntryKind | 'entrusted';
  orgUnitCode: string;
  /** The district the case belongs to (for courts and desks). */
  districtCode: string;
  entrust?: { kind: EntrustKind; institutionCode: string; deskCode: string };
  category: commonV1.DisputeCategory;
  peopleInvolved: number;
  amountFen: number;
  description: string;
  parties: PartyPlan[];
  /** A cross-channel duplicate of an earlier case (same parties and category). */
  duplicateOf?: number;
  /** The basic court competent for the case's unit, with its first desk. */
  court: { code: string; deskCode: string };
  /** Planned steps in time order; only those not after `now` exist. */
  steps: Step[];
  /** In the demo users' line of the hierarchy (their desks and inboxes get work). */
  demo: boolean;
  /** The generated history's probe: loaded first (see `planHistory`). */
  probe?: boolean;
  /**
   * A case from a city's old ledger (the importer): its reference there, and who registers it
   * (the subject that scopes the idempotency key, the same whatever desk the row names).
   */
  ledger?: { reference: string; registrar: string; mediatorName?: string };
}

/** Category mix of a Chinese city's people's mediation (neighbour and family disputes lead). */
export const CATEGORY_WEIGHTS: Record<string, number> = {
  [C.DISPUTE_CATEGORY_NEIGHBOUR]: 22,
  [C.DISPUTE_CATEGORY_MARRIAGE_FAMILY]: 18,
  [C.DISPUTE_CATEGORY_DAMAGES]: 9,
  [C.DISPUTE_CATEGORY_LABOUR]: 8,
  [C.DISPUTE_CATEGORY_HOUSING_HOMESTEAD]: 7,
  [C.DISPUTE_CATEGORY_CONTRACT]: 7,
  [C.DISPUTE_CATEGORY_ROAD_TRAFFIC_ACCIDENT]: 6,
  [C.DISPUTE_CATEGORY_PROPERTY_MANAGEMENT]: 6,
  [C.DISPUTE_CATEGORY_FOREST_LAND]: 3,
  [C.DISPUTE_CATEGORY_PRODUCTION_BUSINESS]: 3,
  [C.DISPUTE_CATEGORY_CONSUMER]: 3,
  [C.DISPUTE_CATEGORY_LAND_EXPROPRIATION_DEMOLITION]: 2,
  [C.DISPUTE_CATEGORY_MEDICAL]: 2,
  [C.DISPUTE_CATEGORY_ENVIRONMENTAL_POLLUTION]: 1,
  [C.DISPUTE_CATEGORY_OTHER]: 3,
};

/** Where disputes come in: most surface at reasoning points (DOMAIN.md), then the channels. */
export const ENTRY_WEIGHTS: Record<EntryKind | 'entrusted', number> = {
  point: 40,
  community: 14,
  street: 6,
  district: 3,
  hotline: 12,
  online: 10,
  entrusted: 15,
};

/**
 * Month factors (Jan..Dec): family and wage disputes peak before the Spring Festival, neighbour
 * disputes in summer; the festival itself and National Day are quiet.
 */
export const MONTH_FACTORS = [1.25, 0.8, 1.05, 1.0, 1.05, 1.1, 1.15, 1.15, 1.0, 0.85, 0.95, 1.2];

const DESCRIPTIONS: Record<number, string[]> = {
  [C.DISPUTE_CATEGORY_NEIGHBOUR]: ['楼上漏水损坏墙面', '邻居占用公共楼道堆放杂物', '装修噪音扰民'],
  [C.DISPUTE_CATEGORY_MARRIAGE_FAMILY]: ['赡养老人费用分担', '离婚后子女探望', '家庭财产分割'],
  [C.DISPUTE_CATEGORY_DAMAGES]: ['宠物咬伤赔偿', '高空坠物致车辆受损', '打架致伤医疗费'],
  [C.DISPUTE_CATEGORY_LABOUR]: ['拖欠农民工工资', '解除劳动合同经济补偿', '工伤待遇'],
  [C.DISPUTE_CATEGORY_HOUSING_HOMESTEAD]: ['宅基地界址争议', '房屋租赁押金返还'],
  [C.DISPUTE_CATEGORY_CONTRACT]: ['买卖合同货款', '装修合同质量争议', '民间借贷还款'],
  [C.DISPUTE_CATEGORY_ROAD_TRAFFIC_ACCIDENT]: ['交通事故损害赔偿', '电动车剐蹭赔偿'],
  [C.DISPUTE_CATEGORY_PROPERTY_MANAGEMENT]: ['物业费拖欠', '小区停车位管理'],
  [C.DISPUTE_CATEGORY_FOREST_LAND]: ['土地承包经营权', '林地界址争议'],
  [C.DISPUTE_CATEGORY_PRODUCTION_BUSINESS]: ['合伙经营利润分配', '渔船作业纠纷'],
  [C.DISPUTE_CATEGORY_CONSUMER]: ['预付卡退费', '商品质量退换'],
  [C.DISPUTE_CATEGORY_LAND_EXPROPRIATION_DEMOLITION]: ['征地补偿分配', '拆迁安置面积'],
  [C.DISPUTE_CATEGORY_MEDICAL]: ['诊疗损害赔偿', '医疗费用争议'],
  [C.DISPUTE_CATEGORY_ENVIRONMENTAL_POLLUTION]: ['养殖场异味污染', '油烟排放扰民'],
  [C.DISPUTE_CATEGORY_OTHER]: ['其他民间纠纷'],
};

const SURNAMES =
  '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕'.split('');
const GIVEN =
  '秀英|建国|桂兰|志强|丽华|海涛|淑珍|德明|春梅|玉兰|国庆|红梅|晓东|文华|金凤|宏伟|静|磊|敏|军|洋|勇|艳|杰|娟|涛|明|超|霞|平'.split(
    '|',
  );

/** The places of the history: reasoning points and the units above them, from the directory. */
export interface Places {
  points: OrgUnit[];
  communities: OrgUnit[];
  streets: OrgUnit[];
  districts: OrgUnit[];
  /** The demo users' line (docs/console.md): first active point, its community and street. */
  demo: { point: OrgUnit; community: OrgUnit; street: OrgUnit };
}

/** Units whose handler chain up to the district is active, so a case can climb it. */
export function places(dir: OrgDirectory): Places {
  const chainOk = (code: string) => {
    let committee: ReturnType<OrgDirectory['committeeFor']> | undefined = dir.committeeFor(code);
    for (let i = 0; committee && committee.level !== 'DISTRICT'; i++) {
      if (!committee.active || i > 5) return false;
      committee = dir.escalationTarget(committee.id);
    }
    return !!committee?.active && !!dir.competentBasicCourt(code)?.desks.length;
  };
  const usable = (level: 'POINT' | 'COMMUNITY' | 'STREET' | 'DISTRICT') =>
    dir.units(level).filter((u) => u.active && chainOk(u.code));
  // Same choice as the gateway's demo users (services/gateway/src/auth/demo-users.ts).
  const point = dir.units('POINT').find((u) => u.active)!;
  const community = dir.parent(point.code)!;
  const street = dir.parent(community.code)!;
  return {
    points: usable('POINT'),
    communities: usable('COMMUNITY'),
    streets: usable('STREET'),
    districts: usable('DISTRICT'),
    demo: { point, community, street },
  };
}

/** An 18-digit resident ID number with a valid GB 11643 check character. */
export function residentId(districtCode: string, birth: Date, serial: number): string {
  const ymd = birth.toISOString().slice(0, 10).replace(/-/g, '');
  return withResidentIdCheckChar(
    `${districtCode.slice(0, 6)}${ymd}${String(serial % 1000).padStart(3, '0')}`,
  );
}

/**
 * The whole history, in opening order (index 0 is the oldest case). Every date, and through the
 * PRNG's draws every other case's content, depends on the end; the newest case, the probe, does
 * not: drawn apart, it calls the 12348 hotline `PROBE_LEAD_MS` before the end, so its OpenCase
 * request and key are the same whatever the day, and its registration found in a store tells
 * the day that store's history was planned for (`historyEndOfProbe`).
 */
export function planHistory(dir: OrgDirectory, options: PlanOptions): CasePlan[] {
  const rng = new Prng(options.seed);
  const where = places(dir);
  const end = options.now.getTime();
  const start = end - options.years * 365 * DAY;
  const others = Math.max(0, options.cases - 1);
  const history = historyName(options.seed, options.cases);
  // Every other opening is at most an hour before the end: the probe sorts last.
  const openings = Array.from({ length: others }, () => openingTime(rng, start, end)).sort(
    (a, b) => a - b,
  );
  const plans: CasePlan[] = [];
  for (let index = 0; index < openings.length; index++) {
    const openedAt = new Date(openings[index]);
    const duplicateOf = pickDuplicateOriginal(rng, plans, openedAt);
    const plan = duplicateOf
      ? duplicateCase(rng, index, history, openedAt, duplicateOf, dir)
      : newCase(rng, index, history, openedAt, dir, where);
    plan.steps = plan.steps.filter((s) => s.at.getTime() <= end);
    plans.push(plan);
  }
  if (options.cases > 0) {
    const openedAt = new Date(end - PROBE_LEAD_MS);
    const probe = newCase(
      new Prng(options.seed ^ PROBE_STREAM),
      others,
      history,
      openedAt,
      dir,
      where,
      'hotline',
    );
    probe.steps = probe.steps.filter((s) => s.at.getTime() <= end);
    plans.push({ ...probe, probe: true });
  }
  return plans;
}

/** Rejection sampling: seasonal month factor, quieter weekends, +10 % a year of growth. */
function openingTime(rng: Prng, start: number, end: number): number {
  for (;;) {
    const t = rng.between(start, end);
    const d = new Date(t + 8 * HOUR); // China Standard Time
    const weekend = d.getUTCDay() === 0 || d.getUTCDay() === 6;
    const growth = 1 + (0.1 * (t - start)) / (365 * DAY);
    const weight = (MONTH_FACTORS[d.getUTCMonth()] * (weekend ? 0.6 : 1) * growth) / 1.6;
    if (rng.next() < weight) {
      // Office hours, 08:30-17:30 CST.
      const dayStart = t - ((t + 8 * HOUR) % DAY);
      const at = dayStart + 0.5 * HOUR + rng.between(0, 9) * HOUR;
      return Math.max(start, Math.min(end - HOUR, at));
    }
  }
}

/** About 3 % of disputes come in a second time through another channel within days. */
function pickDuplicateOriginal(rng: Prng, plans: CasePlan[], at: Date): CasePlan | undefined {
  if (!rng.chance(0.03)) return undefined;
  const recent = plans.filter(
    (p) =>
      !p.duplicateOf &&
      p.entry !== 'entrusted' &&
      p.entry !== 'hotline' &&
      at.getTime() - p.openedAt.getTime() < 10 * DAY &&
      at.getTime() - p.openedAt.getTime() > HOUR,
  );
  return recent.length ? rng.pick(recent) : undefined;
}

function duplicateCase(
  rng: Prng,
  index: number,
  history: string,
  openedAt: Date,
  original: CasePlan,
  dir: OrgDirectory,
): CasePlan {
  // The same parties call the 12348 hotline about the same dispute; it is linked to the first
  // registration (DuplicateLinked) and withdrawn as a double registration the next working day.
  const community =
    dir.level(original.orgUnitCode) === 'POINT'
      ? dir.parent(original.orgUnitCode)!.code
      : original.orgUnitCode;
  return {
    ...original,
    index,
    key: keyOf(history, index),
    openedAt,
    entry: 'hotline',
    entrust: undefined,
    orgUnitCode: community,
    duplicateOf: original.index,
    steps: [
      { kind: 'withdraw', at: after(openedAt, rng, 2, 26), reason: '与已登记案件重复，合并办理' },
    ],
  };
}

/** The default history's size (`--cases`, `HISTORY_CASES`). */
export const DEFAULT_HISTORY_CASES = 3000;

/**
 * Which history a case belongs to, in its key: the seed and, but for the default size, the size.
 * Histories of two sizes plan other cases under the same index, so a store holding both must tell
 * them apart (case 299 of 3,000 is not the probe of 300). The default's keys stay as they were
 * before the size was added, so a store that holds it does not load it a second time.
 */
export const historyName = (seed: number, cases: number) =>
  cases === DEFAULT_HISTORY_CASES ? `${seed}` : `${seed}-of-${cases}`;

const keyOf = (history: string, index: number) => `history-${history}-${index}`;

const after = (t: Date, rng: Prng, minHours: number, maxHours: number) =>
  new Date(t.getTime() + rng.between(minHours, maxHours) * HOUR);

function newCase(
  rng: Prng,
  index: number,
  history: string,
  openedAt: Date,
  dir: OrgDirectory,
  where: Places,
  /** The probe's: not a demo case (no draw for it). */
  only?: EntryKind,
): CasePlan {
  const category = Number(rng.weighted(CATEGORY_WEIGHTS)) as commonV1.DisputeCategory;
  const demo = !only && rng.chance(0.05);
  let entry = only ?? rng.weighted(ENTRY_WEIGHTS);
  let unit: OrgUnit;
  if (demo) {
    entry = rng.weighted({ point: 5, community: 3, street: 1, entrusted: 1 });
    unit =
      entry === 'community'
        ? where.demo.community
        : entry === 'street'
          ? where.demo.street
          : where.demo.point;
  } else if (entry === 'community' || entry === 'hotline' || entry === 'online') {
    unit = rng.pick(where.communities);
  } else if (entry === 'street') unit = rng.pick(where.streets);
  else if (entry === 'district') unit = rng.pick(where.districts);
  else if (entry === 'entrusted') unit = rng.pick(where.communities);
  else unit = rng.pick(where.points);
  const district = dir.districtOf(unit.code)!;
  const court = dir.competentBasicCourt(unit.code)!;
  const entrust = entry === 'entrusted' ? entrustment(rng, dir, district.code) : undefined;
  if (entry === 'entrusted' && !entrust) entry = 'community';

  const amountFen = amountOf(rng, category);
  const parties = partiesOf(rng, index, district.code);
  const plan: CasePlan = {
    index,
    key: keyOf(history, index),
    openedAt,
    entry,
    orgUnitCode: unit.code,
    districtCode: district.code,
    entrust,
    category,
    peopleInvolved: rng.chance(0.04) ? rng.int(5, 40) : 2,
    amountFen,
    description: rng.pick(DESCRIPTIONS[category] ?? DESCRIPTIONS[C.DISPUTE_CATEGORY_OTHER]),
    parties,
    court: { code: court.id, deskCode: court.desks[0].id },
    steps: [],
    demo,
  };
  const level = entrust ? 'COMMUNITY' : dir.level(unit.code);
  plan.steps = lifecycle(rng, plan, level === 'POINT', MAX_CLIMBS[level] ?? 0);
  return plan;
}

/** How many levels a case can still climb from where it starts (point -> ... -> city). */
const MAX_CLIMBS: Record<string, number> = { POINT: 4, COMMUNITY: 3, STREET: 2, DISTRICT: 1 };

function entrustment(rng: Prng, dir: OrgDirectory, district: string): CasePlan['entrust'] {
  const kind = rng.weighted<EntrustKind>({
    COURT_PRE_FILING: 6,
    PETITION_HANDOVER: 2,
    POLICE_HANDOVER: 2,
  });
  const type =
    kind === 'COURT_PRE_FILING'
      ? 'COURT'
      : kind === 'PETITION_HANDOVER'
        ? 'PETITION_OFFICE'
        : 'PUBLIC_SECURITY';
  const institution =
    type === 'COURT'
      ? dir.competentBasicCourt(district)
      : dir.institutions({ type, orgUnitCode: district })[0];
  const desk = institution?.desks[0];
  if (!institution || !desk) return undefined;
  return { kind, institutionCode: institution.id, deskCode: desk.id };
}

function amountOf(rng: Prng, category: commonV1.DisputeCategory): number {
  const base: Partial<Record<number, number>> = {
    [C.DISPUTE_CATEGORY_LABOUR]: 1_500_000,
    [C.DISPUTE_CATEGORY_ROAD_TRAFFIC_ACCIDENT]: 2_000_000,
    [C.DISPUTE_CATEGORY_CONTRACT]: 3_000_000,
    [C.DISPUTE_CATEGORY_MEDICAL]: 5_000_000,
    [C.DISPUTE_CATEGORY_LAND_EXPROPRIATION_DEMOLITION]: 8_000_000,
  };
  const median = base[category] ?? 300_000;
  // Log-normal-ish: most small, a few large; whole yuan.
  return Math.round((median * Math.exp(rng.between(-1.5, 1.5))) / 100) * 100;
}

function partiesOf(rng: Prng, index: number, district: string): PartyPlan[] {
  const person = (role: PartyPlan['role'], k: number): PartyPlan => {
    const birth = new Date(Date.UTC(1950, 0, 1) + ((index * 2 + k) % 18_000) * DAY);
    return {
      role,
      name: rng.pick(SURNAMES) + rng.pick(GIVEN),
      idNumber: residentId(district, birth, Math.floor(index / 9) + k),
      phone: `1${rng.pick(['3', '5', '8'])}${String(rng.int(0, 999_999_999)).padStart(9, '0')}`,
    };
  };
  return [person('APPLICANT', 0), person('RESPONDENT', 1)];
}

/**
 * The steps of one case: most settle where they surfaced (on the spot at the point, or at the
 * community), some climb a level or two, a few fail and go to court, a few are rejected or
 * withdrawn; agreements are followed up, some confirmed by a court, most performed; many parties
 * leave a satisfaction score. About 6 % run past the one-month term.
 */
export function lifecycle(rng: Prng, plan: CasePlan, atPoint: boolean, maxClimbs: number): Step[] {
  const steps: Step[] = [];
  let t = plan.openedAt;
  const next = (minHours: number, maxHours: number) => (t = after(t, rng, minHours, maxHours));

  if (rng.chance(0.03)) {
    steps.push({ kind: 'withdraw', at: next(4, 72), reason: '当事人自行和解，申请撤回' });
    return steps;
  }
  if (rng.chance(0.02)) {
    steps.push({ kind: 'reject', at: next(2, 48) });
    steps.push({ kind: 'close', at: next(1, 24), outcome: 'REJECTED' });
    return steps;
  }
  // Climb: at the point, 55 % are settled on the spot; the rest go to the community committee.
  let climbs = 0;
  if (atPoint && !rng.chance(0.55)) climbs = 1;
  if (rng.chance(climbs ? 0.15 : 0.06)) climbs++;
  if (climbs >= 2 && rng.chance(0.2)) climbs++;
  climbs = Math.min(climbs, maxClimbs);
  steps.push({ kind: 'accept', at: next(1, 40) });
  for (let i = 0; i < climbs; i++) {
    steps.push({ kind: 'escalate', at: next(4, 96) });
    steps.push({ kind: 'accept', at: next(2, 48) });
  }
  steps.push({ kind: 'consent', at: next(1, 48) });
  const slow = rng.chance(0.06);
  const failRate = 0.05 + 0.05 * climbs;
  if (rng.chance(failRate)) {
    const referToCourt = rng.chance(0.7);
    steps.push({ kind: 'fail', at: next(slow ? 700 : 48, slow ? 1000 : 500), referToCourt });
    if (referToCourt) {
      steps.push({ kind: 'referral-claim', at: next(4, 60) });
      steps.push({ kind: 'referral-outcome', at: next(48, 400) });
    } else steps.push({ kind: 'close', at: next(2, 72), outcome: 'FAILED' });
    return steps;
  }
  const written = rng.chance(plan.amountFen > 500_000 ? 0.85 : 0.5);
  steps.push({
    kind: 'agree',
    at: next(slow ? 750 : 24, slow ? 1100 : 480),
    form: written ? 'WRITTEN' : 'ORAL',
    amountFen: written ? Math.round((plan.amountFen * rng.between(0.4, 0.9)) / 100) * 100 : 0,
  });
  const confirmed = written && rng.chance(0.15);
  if (confirmed) {
    steps.push({ kind: 'confirm-request', at: next(24, 400) });
    steps.push({ kind: 'confirm-accepted', at: next(4, 60) });
    steps.push({ kind: 'confirmed', at: next(48, 300) });
  } else if (written) steps.push({ kind: 'perform', at: next(24, 600) });
  if (rng.chance(0.6)) steps.push({ kind: 'follow-up', at: next(72, 700) });
  if (rng.chance(0.7))
    steps.push({
      kind: 'satisfaction',
      at: next(1, 72),
      score: Number(rng.weighted({ 5: 55, 4: 30, 3: 10, 2: 4, 1: 1 })),
    });
  steps.push({
    kind: 'close',
    at: next(1, 96),
    outcome: confirmed ? 'AGREEMENT_CONFIRMED' : 'AGREEMENT_PERFORMED',
  });
  return steps;
}
