import type { OrgDirectory, OrgUnit } from '@mediation/org-directory';

// The org unit a ledger names: its code (210202001001), its committee's id (MC-210202001001) or
// full name (中山区万华街道康欣社区人民调解委员会), the unit's path (中山区万华街道康欣社区), its
// short name (万华康欣), or its bare name (康欣社区) when no other unit has it.

export type Resolved = OrgUnit | { problem: string };

/** Where a ledger's case can be registered walking in: a reasoning point up to a district. */
const LEDGER_LEVELS = new Set(['POINT', 'COMMUNITY', 'STREET', 'DISTRICT']);

export class OrgUnitResolver {
  private readonly byName = new Map<string, Set<string>>();

  constructor(private readonly dir: OrgDirectory) {
    const add = (name: string | undefined, code: string) => {
      if (!name) return;
      const codes = this.byName.get(name) ?? new Set<string>();
      codes.add(code);
      this.byName.set(name, codes);
    };
    for (const u of dir.units()) {
      add(u.name, u.code);
      add(u.shortName, u.code);
      add(dir.fullName(u.code), u.code);
    }
    for (const c of dir.committees()) {
      if (c.level === 'INDUSTRY') continue; // they sit at a district but are not its committee
      add(c.id, c.orgUnitCode);
      add(c.name, c.orgUnitCode);
    }
  }

  resolve(raw: string): Resolved {
    const name = raw.trim();
    if (!name) return { problem: 'is required (a code or the committee’s name)' };
    const codes = this.dir.has(name) ? new Set([name]) : this.byName.get(name);
    if (!codes) return { problem: `unknown unit or committee "${name}"` };
    if (codes.size > 1)
      return {
        problem: `"${name}" names ${codes.size} units (${[...codes].slice(0, 3).join(', ')}, …): give the code or the full name`,
      };
    const unit = this.dir.unit([...codes][0]);
    if (!unit.active) {
      const successor = this.dir.successor(unit.code);
      return {
        problem: `${unit.name} (${unit.code}) was merged into ${successor.name}: give ${successor.code}`,
      };
    }
    if (!LEDGER_LEVELS.has(unit.level))
      return { problem: `${unit.name} is a ${unit.level.toLowerCase()}: give its committee below` };
    return unit;
  }
}
