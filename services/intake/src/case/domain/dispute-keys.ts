// Cross-channel duplicates: the same applicant and respondent identities and category. Each
// (applicant, respondent) pair of a case gives one key; two cases share a key exactly when they
// share an applicant, a respondent and the category. The identities are keyed hashes already,
// so the keys reveal nothing without the hash key.

import type { StoredParty } from './case.entity';

export interface PartyIdentity {
  /** 1 applicant, 2 respondent (contract values); others do not take part. */
  role: number;
  /** Keyed hash of the ID number, else of the phone; empty when neither was given. */
  identity: string;
}

const APPLICANT = 1;
const RESPONDENT = 2;

export function disputeKeys(
  category: number,
  parties: PartyIdentity[],
  hash: (text: string) => string,
): string[] {
  const of = (role: number) =>
    [
      ...new Set(parties.filter((p) => p.role === role && p.identity).map((p) => p.identity)),
    ].sort();
  const keys: string[] = [];
  for (const a of of(APPLICANT))
    for (const r of of(RESPONDENT)) keys.push(hash(`dispute\u0000${category}\u0000${a}\u0000${r}`));
  return keys;
}

/** A party's identity for duplicate checks: the ID number, else the phone. */
export const partyIdentities = (parties: StoredParty[]): PartyIdentity[] =>
  parties.map((p) => ({ role: p.role, identity: p.idNumberHash || p.phoneHash }));
