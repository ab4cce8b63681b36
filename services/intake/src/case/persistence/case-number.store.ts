import type { Collection, Db } from 'mongodb';
import { upsertById } from '@mediation/persistence';
import type { CaseNumberStore } from './case-number.sequence';
import type { CaseRepository } from './case.repository';

interface Hint {
  _id: string;
  last: number;
}

/**
 * The highest number recorded per committee and year, one small document each, read by _id
 * (FerretDB serves _id look-ups from its primary key; a max over the cases would scan them).
 * Only a hint: the unique index on the cases is what keeps numbers unique.
 */
export class MongoCaseNumberStore implements CaseNumberStore {
  private readonly hints: Collection<Hint>;

  constructor(
    db: Db,
    private readonly cases: CaseRepository,
  ) {
    this.hints = db.collection<Hint>('case_number_hints');
  }

  async recordedMax(committeeCode: string, year: number): Promise<number> {
    const hint = await this.hints.findOne({ _id: id(committeeCode, year) });
    return hint?.last ?? 0;
  }

  exactMax(committeeCode: string, year: number): Promise<number> {
    return this.cases.maxNumberSeq(committeeCode, year);
  }

  async record(committeeCode: string, year: number, seq: number): Promise<void> {
    // The first cases of a committee's year opened at once create the hint together.
    await upsertById(this.hints, id(committeeCode, year), { $max: { last: Number(seq) } });
  }
}

const id = (committeeCode: string, year: number) => `${String(committeeCode)}:${Number(year)}`;
