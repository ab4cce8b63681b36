import type { OrgDirectory } from '@mediation/org-directory';

// The contracts carry codes only (CommitteeRef, OrgUnitRef, DeskRef, InstitutionRef); people read
// names. The gateway adds each ref's `name` from the org directory it already holds, so neither the
// services nor the console need a second copy of the directory. An unknown code gets no name.

type JsonObject = Record<string, unknown>;

const isObject = (v: unknown): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export class OrgNames {
  constructor(private readonly directory: OrgDirectory) {}

  /** A committee's name; a reasoning point acting as handler is named by its org unit. */
  committee(code: string): string | undefined {
    return this.directory.findCommittee(code)?.name ?? this.directory.lookup(code)?.name;
  }

  unit(code: string): string | undefined {
    return this.directory.lookup(code)?.name;
  }

  desk(code: string): string | undefined {
    return this.directory.findDesk(code)?.name;
  }

  institution(code: string): string | undefined {
    return this.directory.findInstitution(code)?.name;
  }

  /** A case or a case summary (API JSON): its unit, committee and progress named. */
  caseJson(kase: unknown): unknown {
    if (!isObject(kase)) return kase;
    return {
      ...kase,
      orgUnit: this.named(kase.orgUnit, (c) => this.unit(c)),
      committee: this.named(kase.committee, (c) => this.committee(c)),
      progress: this.progressJson(kase.progress),
    };
  }

  /** Anything with a `committee` ref (a deadline, a workload row): the committee named. */
  withCommitteeJson(item: unknown): unknown {
    if (!isObject(item)) return item;
    return { ...item, committee: this.named(item.committee, (c) => this.committee(c)) };
  }

  /** A referral (or its inbox line): its institution and desk named. */
  referralJson(referral: unknown): unknown {
    if (!isObject(referral)) return referral;
    return {
      ...referral,
      institution: this.named(referral.institution, (c) => this.institution(c)),
      desk: this.named(referral.desk, (c) => this.desk(c)),
    };
  }

  /** One step of a case's timeline: the handler named (a committee, or a referral's desk). */
  timelineEntryJson(entry: unknown): unknown {
    if (!isObject(entry)) return entry;
    return { ...entry, handler: this.named(entry.handler, (c) => this.handler(c)) };
  }

  /** A step's handler: a committee or reasoning point, or a desk with its institution's name. */
  private handler(code: string): string | undefined {
    const desk = this.directory.findDesk(code);
    if (!desk) return this.committee(code);
    const institution = this.institution(desk.institutionId);
    return institution ? `${institution} ${desk.name}` : desk.name;
  }

  private progressJson(progress: unknown): unknown {
    if (!isObject(progress)) return progress;
    const committee = (ref: unknown) => this.named(ref, (c) => this.committee(c));
    const referral = isObject(progress.referral)
      ? {
          ...progress.referral,
          desk: this.named(progress.referral.desk, (c) => this.desk(c)),
          institution: this.named(progress.referral.institution, (c) => this.institution(c)),
        }
      : progress.referral;
    return {
      ...progress,
      holder: committee(progress.holder),
      path: Array.isArray(progress.path) ? progress.path.map(committee) : progress.path,
      referral,
    };
  }

  private named(ref: unknown, nameOf: (code: string) => string | undefined): unknown {
    if (!isObject(ref) || typeof ref.code !== 'string' || !ref.code) return ref;
    const name = nameOf(ref.code);
    return name ? { ...ref, name } : ref;
  }
}
