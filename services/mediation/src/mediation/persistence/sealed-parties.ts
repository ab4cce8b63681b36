import { Sealer } from '@mediation/persistence';
import type { PartyAsWritten } from './mediation.document';

/** The parts of a party as written that are personal data, sealed at rest as intake seals them. */
const SEALED = ['idNumber', 'phone', 'address'] as const;

/** Sealed text begins with its format; a party stored before sealing still holds plain text. */
const isSealed = (value: string) => value.startsWith('v1.');

export function sealParties(sealer: Sealer, parties: PartyAsWritten[]): PartyAsWritten[] {
  return parties.map((p) => {
    const sealed = { ...p };
    for (const field of SEALED)
      if (p[field] && !isSealed(p[field])) sealed[field] = sealer.sealText(p[field]);
    return sealed;
  });
}

export function openParties(sealer: Sealer, parties: PartyAsWritten[]): PartyAsWritten[] {
  return parties.map((p) => {
    const open = { ...p };
    for (const field of SEALED)
      if (isSealed(p[field] ?? '')) open[field] = sealer.openText(p[field]);
    return open;
  });
}

/** Whether any party still holds a personal field in clear (the sealing migration's work list). */
export const hasPlainParties = (parties: PartyAsWritten[]) =>
  parties.some((p) => SEALED.some((field) => p[field] && !isSealed(p[field])));
