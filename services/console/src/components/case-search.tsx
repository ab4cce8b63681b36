import type { Key } from '../i18n';

// What a search box's text is: a phone or an ID number is sent only as a search parameter and
// shown back masked; a case number or a name as typed.

export type SearchKind = 'caseNumber' | 'partyName' | 'partyPhone' | 'partyIdNumber';

export const SEARCH_KIND_LABEL: Record<SearchKind, Key> = {
  caseNumber: 'byCaseNumber',
  partyName: 'byPartyName',
  partyPhone: 'byPhone',
  partyIdNumber: 'byIdNumber',
};

export interface CaseSearch {
  kind: SearchKind;
  value: string;
}

const PHONE = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/;
/** A resident ID (18, or the old 15 digits); other documents are searched by number too. */
const ID_NUMBER = /^(\d{15}|\d{17}[\dX])$/;

export function searchOf(text: string): CaseSearch | null {
  const value = text.trim();
  if (!value) return null;
  if (PHONE.test(value)) return { kind: 'partyPhone', value };
  const upper = value.toUpperCase();
  if (ID_NUMBER.test(upper)) return { kind: 'partyIdNumber', value: upper };
  // Case numbers carry digits (（2026）中山调字第00042号); names do not.
  if (/\d/.test(value)) return { kind: 'caseNumber', value };
  return { kind: 'partyName', value };
}

/** A phone or an ID number: sent only as a search parameter, shown back masked. */
export const isContact = (s: CaseSearch): boolean =>
  s.kind === 'partyPhone' || s.kind === 'partyIdNumber';

/** Only a phone or an ID number, for the caller look-up. */
export function contactSearchOf(text: string): CaseSearch | null {
  const s = searchOf(text);
  return s && isContact(s) ? s : null;
}

/** As shown back: phones and ID numbers keep their first three and last four characters. */
export function shownSearch(s: CaseSearch): string {
  if (!isContact(s)) return s.value;
  const v = s.value;
  return v.length <= 7
    ? '*'.repeat(v.length)
    : `${v.slice(0, 3)}${'*'.repeat(v.length - 7)}${v.slice(-4)}`;
}
