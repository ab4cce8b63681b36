// In-memory view of the org directory. All indices are built once in the constructor; lookups are
// Map hits (O(1)) or parent walks (O(depth), depth <= 5); subtrees use the children index.
//
// Error rule: lookup()/find*() return undefined for unknown keys; every other method throws a
// typed OrgDirectoryError (UnknownOrgUnitError, UnknownCommitteeError, ...). "Nothing there" for a
// known key (the city's parent, the city committee's escalation target) is undefined, not an error.
import {
  UnknownCommitteeError,
  UnknownDeskError,
  UnknownInstitutionError,
  UnknownOrgUnitError,
} from './org-directory.errors';
import { validateOrgDirectoryData } from './org-directory.loader';
import {
  COMMITTEE_LEVELS,
  INSTITUTION_TYPES,
  ORG_LEVELS,
  type Committee,
  type CommitteeFilter,
  type Desk,
  type DirectoryCounts,
  type Institution,
  type InstitutionFilter,
  type OrgDirectoryData,
  type OrgLevel,
  type OrgUnit,
} from './org-directory.types';

const byCode = (a: OrgUnit, b: OrgUnit) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

export class OrgDirectory {
  readonly schemaVersion: number;
  readonly dataVersion: string;
  readonly city: OrgUnit;

  private readonly unitsByCode = new Map<string, OrgUnit>();
  private readonly unitList: readonly OrgUnit[];
  private readonly unitsByLevel = new Map<OrgLevel, readonly OrgUnit[]>();
  private readonly childrenByCode = new Map<string, readonly OrgUnit[]>();
  private readonly committeesById = new Map<string, Committee>();
  private readonly committeeList: readonly Committee[];
  /** The general (non-industry) committee at each city/district/street/community. */
  private readonly generalCommitteeByUnit = new Map<string, Committee>();
  private readonly committeesByUnit = new Map<string, readonly Committee[]>();
  /** City-level industry committees by industry, for escalation from district ones. */
  private readonly cityIndustryCommittee = new Map<string, Committee>();
  private readonly institutionsById = new Map<string, Institution>();
  private readonly institutionList: readonly Institution[];
  private readonly institutionsByUnit = new Map<string, readonly Institution[]>();
  private readonly desksById = new Map<string, Desk>();
  private readonly countsValue: DirectoryCounts;

  /** Validates `data` (throws InvalidDirectoryDataError) and indexes frozen copies of it. */
  constructor(data: OrgDirectoryData) {
    validateOrgDirectoryData(data);
    this.schemaVersion = data.schemaVersion;
    this.dataVersion = data.dataVersion;

    this.unitList = Object.freeze(data.orgUnits.map((u) => Object.freeze({ ...u })));
    const children = new Map<string, OrgUnit[]>();
    for (const u of this.unitList) {
      this.unitsByCode.set(u.code, u);
      if (u.parentCode !== null) push(children, u.parentCode, u);
    }
    for (const [code, list] of children)
      this.childrenByCode.set(code, Object.freeze(list.sort(byCode)));
    for (const level of ORG_LEVELS) {
      this.unitsByLevel.set(level, Object.freeze(this.unitList.filter((u) => u.level === level)));
    }
    this.city = (this.unitsByLevel.get('CITY') as readonly OrgUnit[])[0];

    this.committeeList = Object.freeze(data.committees.map((c) => Object.freeze({ ...c })));
    const atUnit = new Map<string, Committee[]>();
    for (const c of this.committeeList) {
      this.committeesById.set(c.id, c);
      push(atUnit, c.orgUnitCode, c);
      if (c.level !== 'INDUSTRY') this.generalCommitteeByUnit.set(c.orgUnitCode, c);
      else if (c.orgUnitCode === this.city.code && c.industry)
        this.cityIndustryCommittee.set(c.industry, c);
    }
    for (const [code, list] of atUnit) {
      const generalFirst = list.sort(
        (a, b) => Number(a.level === 'INDUSTRY') - Number(b.level === 'INDUSTRY'),
      );
      this.committeesByUnit.set(code, Object.freeze(generalFirst));
    }

    const served = new Map<string, Institution[]>();
    this.institutionList = Object.freeze(
      data.institutions.map((i) => {
        const desks = Object.freeze(
          i.desks.map((d) => Object.freeze({ ...d, institutionId: i.id })),
        );
        const inst: Institution = Object.freeze({ ...i, desks });
        this.institutionsById.set(inst.id, inst);
        push(served, inst.orgUnitCode, inst);
        for (const d of desks) this.desksById.set(d.id, d);
        return inst;
      }),
    );
    for (const [code, list] of served) this.institutionsByUnit.set(code, Object.freeze(list));

    this.countsValue = this.computeCounts();
  }

  // --- org units -------------------------------------------------------------------------------

  /** The unit, or undefined when the code is unknown (the one non-throwing probe). */
  lookup(code: string): OrgUnit | undefined {
    return this.unitsByCode.get(code);
  }

  has(code: string): boolean {
    return this.unitsByCode.has(code);
  }

  /** The unit; throws UnknownOrgUnitError. */
  unit(code: string): OrgUnit {
    const u = this.unitsByCode.get(code);
    if (!u) throw new UnknownOrgUnitError(code);
    return u;
  }

  /** All units in code order (pre-order: each unit before its descendants), optionally one level. */
  units(level?: OrgLevel): readonly OrgUnit[] {
    return level === undefined ? this.unitList : (this.unitsByLevel.get(level) ?? []);
  }

  isActive(code: string): boolean {
    return this.unit(code).active;
  }

  level(code: string): OrgLevel {
    return this.unit(code).level;
  }

  /** The parent unit; undefined for the city. */
  parent(code: string): OrgUnit | undefined {
    const u = this.unit(code);
    return u.parentCode === null ? undefined : this.unitsByCode.get(u.parentCode);
  }

  /** Ancestors nearest first, ending with the city; empty for the city. Excludes the unit itself. */
  ancestors(code: string): OrgUnit[] {
    const out: OrgUnit[] = [];
    for (
      let p = this.parent(code);
      p;
      p = p.parentCode === null ? undefined : this.unitsByCode.get(p.parentCode)
    )
      out.push(p);
    return out;
  }

  /** City first, down to and including the unit. */
  path(code: string): OrgUnit[] {
    return [...this.ancestors(code).reverse(), this.unit(code)];
  }

  /** Names along the path below the city, e.g. 中山区万华街道康欣社区; the city's own name for the city. */
  fullName(code: string): string {
    const p = this.path(code);
    return p.length === 1
      ? p[0].name
      : p
          .slice(1)
          .map((u) => u.name)
          .join('');
  }

  /** The district the unit belongs to (itself for a district); undefined for the city. */
  districtOf(code: string): OrgUnit | undefined {
    return this.path(code).find((u) => u.level === 'DISTRICT');
  }

  /** Direct children in code order (inactive ones included). */
  children(code: string): readonly OrgUnit[] {
    this.unit(code);
    return this.childrenByCode.get(code) ?? [];
  }

  /** All units below `code`, pre-order, excluding `code` itself. */
  descendants(code: string): OrgUnit[] {
    const out: OrgUnit[] = [];
    const stack = [...this.children(code)].reverse();
    while (stack.length > 0) {
      const u = stack.pop() as OrgUnit;
      out.push(u);
      const kids = this.childrenByCode.get(u.code);
      if (kids) for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
    }
    return out;
  }

  /** The unit followed by all its descendants, pre-order. */
  subtree(code: string): OrgUnit[] {
    return [this.unit(code), ...this.descendants(code)];
  }

  /** True when `code` is `ancestorCode` or lies below it. O(depth). Throws for unknown codes. */
  isInSubtree(ancestorCode: string, code: string): boolean {
    this.unit(ancestorCode);
    for (
      let u: OrgUnit | undefined = this.unit(code);
      u;
      u = u.parentCode === null ? undefined : this.unitsByCode.get(u.parentCode)
    ) {
      if (u.code === ancestorCode) return true;
    }
    return false;
  }

  /** Follows mergedInto from an inactive unit to the active unit that took it over (itself if active). */
  successor(code: string): OrgUnit {
    let u = this.unit(code);
    for (let hops = 0; !u.active && u.mergedInto !== undefined && hops < 10; hops++)
      u = this.unit(u.mergedInto);
    return u;
  }

  // --- committees ------------------------------------------------------------------------------

  /**
   * The committee responsible for a unit: a point's community committee, otherwise the general
   * committee sitting at the unit. Returned even when inactive (merged community); check `.active`
   * or use successor() first.
   */
  committeeFor(orgUnitCode: string): Committee {
    const u = this.unit(orgUnitCode);
    const at = u.level === 'POINT' ? (u.parentCode as string) : u.code;
    return this.generalCommitteeByUnit.get(at) as Committee; // validation guarantees one per unit
  }

  findCommittee(id: string): Committee | undefined {
    return this.committeesById.get(id);
  }

  committee(id: string): Committee {
    const c = this.committeesById.get(id);
    if (!c) throw new UnknownCommitteeError(id);
    return c;
  }

  /** Every committee sitting at the unit (general first, then industry committees); [] for points. */
  committeesAt(orgUnitCode: string): readonly Committee[] {
    this.unit(orgUnitCode);
    return this.committeesByUnit.get(orgUnitCode) ?? [];
  }

  committees(filter: CommitteeFilter = {}): readonly Committee[] {
    const { level, industry, activeOnly } = filter;
    if (level === undefined && industry === undefined && !activeOnly) return this.committeeList;
    return this.committeeList.filter(
      (c) =>
        (level === undefined || c.level === level) &&
        (industry === undefined || c.industry === industry) &&
        (!activeOnly || c.active),
    );
  }

  /**
   * One level up: community -> street -> district -> city committee; the city committee -> undefined.
   * Industry committees: a district one -> the city committee of the same industry (or the city
   * committee when the city has none); a city one -> the city committee.
   */
  escalationTarget(committeeId: string): Committee | undefined {
    const c = this.committee(committeeId);
    const cityCommittee = this.generalCommitteeByUnit.get(this.city.code) as Committee;
    if (c.level === 'CITY') return undefined;
    if (c.level === 'INDUSTRY') {
      if (c.orgUnitCode === this.city.code) return cityCommittee;
      return (c.industry && this.cityIndustryCommittee.get(c.industry)) || cityCommittee;
    }
    const parentCode = this.unit(c.orgUnitCode).parentCode as string;
    return this.generalCommitteeByUnit.get(parentCode) as Committee;
  }

  /** The committee followed by each escalation target up to the city committee. */
  escalationChain(committeeId: string): Committee[] {
    const out = [this.committee(committeeId)];
    for (let next = this.escalationTarget(committeeId); next; next = this.escalationTarget(next.id))
      out.push(next);
    return out;
  }

  // --- institutions and desks ------------------------------------------------------------------

  /** Institutions by type and/or the exact unit they serve; all of them without a filter. */
  institutions(filter: InstitutionFilter = {}): readonly Institution[] {
    const { type, orgUnitCode } = filter;
    let list = this.institutionList;
    if (orgUnitCode !== undefined) {
      this.unit(orgUnitCode);
      list = this.institutionsByUnit.get(orgUnitCode) ?? [];
    }
    return type === undefined ? list : list.filter((i) => i.type === type);
  }

  findInstitution(id: string): Institution | undefined {
    return this.institutionsById.get(id);
  }

  institution(id: string): Institution {
    const i = this.institutionsById.get(id);
    if (!i) throw new UnknownInstitutionError(id);
    return i;
  }

  desks(institutionId: string): readonly Desk[] {
    return this.institution(institutionId).desks;
  }

  findDesk(deskId: string): Desk | undefined {
    return this.desksById.get(deskId);
  }

  desk(deskId: string): Desk {
    const d = this.desksById.get(deskId);
    if (!d) throw new UnknownDeskError(deskId);
    return d;
  }

  /**
   * The basic people's court of the unit's district (competent for judicial confirmation of
   * agreements made there, 人民调解法 art. 33). Undefined for the city itself: a city-level
   * committee's court depends on where it sits or which court entrusted the case, which the
   * directory does not model.
   */
  competentBasicCourt(orgUnitCode: string): Institution | undefined {
    const district = this.districtOf(orgUnitCode);
    if (!district) return undefined;
    return this.institutionsByUnit
      .get(district.code)
      ?.find((i) => i.type === 'COURT' && i.courtLevel === 'BASIC');
  }

  // --- counts ----------------------------------------------------------------------------------

  counts(): DirectoryCounts {
    return this.countsValue;
  }

  private computeCounts(): DirectoryCounts {
    const activeUnitsByLevel = zeroes(ORG_LEVELS);
    let inactiveUnits = 0;
    for (const u of this.unitList) {
      if (u.active) activeUnitsByLevel[u.level]++;
      else inactiveUnits++;
    }
    const committeesByLevel = zeroes(COMMITTEE_LEVELS);
    for (const c of this.committeeList) committeesByLevel[c.level]++;
    const institutionsByType = zeroes(INSTITUTION_TYPES);
    for (const i of this.institutionList) institutionsByType[i.type]++;
    return Object.freeze({
      dataVersion: this.dataVersion,
      activeUnitsByLevel: Object.freeze(activeUnitsByLevel),
      inactiveUnits,
      platforms:
        activeUnitsByLevel.CITY +
        activeUnitsByLevel.DISTRICT +
        activeUnitsByLevel.STREET +
        activeUnitsByLevel.COMMUNITY,
      points: this.units('POINT').length,
      committees: this.committeeList.length,
      activeCommittees: this.committeeList.filter((c) => c.active).length,
      committeesByLevel: Object.freeze(committeesByLevel),
      institutions: this.institutionList.length,
      institutionsByType: Object.freeze(institutionsByType),
      desks: this.desksById.size,
    });
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function zeroes<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}
