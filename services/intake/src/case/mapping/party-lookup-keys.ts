import type { PiiProtector } from '../../pii/pii-protector';

// The keyed hashes a party is found by (ListCases' person look-up, the dispute keys). Stored and
// searched values go through these same functions, so a search hashes exactly what OpenCase
// stored: normalise first (normalisePhone, normaliseResidentId), then hash.

/** Hash of a normalised phone ("13812345678", "0411-82345678"). */
export const phoneLookupHash = (pii: PiiProtector, normalisedPhone: string): string =>
  normalisedPhone ? pii.hash(`phone\u0000${normalisedPhone}`) : '';

/** Hash of a normalised ID number of the given IdType (the type is part of the identity). */
export const idNumberLookupHash = (
  pii: PiiProtector,
  idType: number,
  normalisedIdNumber: string,
): string => (normalisedIdNumber ? pii.hash(`id\u0000${idType}\u0000${normalisedIdNumber}`) : '');
