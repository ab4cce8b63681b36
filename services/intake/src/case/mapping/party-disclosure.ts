import type { intakeV1 } from '@mediation/contracts';
import type { PiiProtector } from '../../pii/pii-protector';
import type { PartiesShown } from '../case-access';
import type { CaseState } from '../domain/case.entity';
import { caseView, partyView } from './case-view.mapper';

/**
 * The case as this reader may see it (CaseReadAccess.parties): the lawyer who claimed the
 * referral gets names, phones and addresses but keeps ID numbers masked; a lawyer before the
 * claim gets the parties' roles only, no names or contacts, masked or not. A party
 * (`ownPartyIds`: its records) gets those records in clear and the other parties' names with
 * their ID numbers, phones and addresses masked, and nothing of the staff's own (partyCase).
 */
export function caseForReader(
  id: string,
  version: number,
  state: CaseState,
  shown: PartiesShown,
  pii: PiiProtector,
  ownPartyIds: readonly string[] = [],
): intakeV1.Case {
  if (shown === 'party') return partyCase(id, version, state, pii, ownPartyIds);
  const clear = shown === 'clear' || shown === 'contacts';
  const view = caseView(id, version, state, clear ? pii : undefined);
  if (shown === 'contacts') view.parties = view.parties.map((p) => ({ ...p, idNumber: undefined }));
  if (shown === 'none')
    view.parties = view.parties.map((p) => ({
      ...p,
      name: '',
      idNumberMasked: '',
      phoneMasked: '',
      addressMasked: '',
    }));
  return view;
}

/**
 * A party's view: its own records (the ones with its phone) decrypted, the others by name with
 * masked ID numbers, phones and addresses (only the own records are ever decrypted). Withheld:
 * the links to other cases (`duplicate_of_case_id`, `duplicate_case_ids`), which may be cases
 * not naming this party, and the staff's risk assessment, which is about the parties.
 */
function partyCase(
  id: string,
  version: number,
  state: CaseState,
  pii: PiiProtector,
  ownPartyIds: readonly string[],
): intakeV1.Case {
  const own = new Set(ownPartyIds);
  const view = caseView(id, version, state, undefined);
  view.parties = state.parties.map((p) =>
    own.has(p.partyId) ? partyView(p, pii) : { ...partyView(p, undefined), name: p.name },
  );
  view.duplicateOfCaseId = '';
  view.duplicateCaseIds = [];
  view.risk = null;
  return view;
}

/** A case summary as a party may list it: without the link to another case or the risk level. */
export function partyCaseSummary(summary: intakeV1.CaseSummary): intakeV1.CaseSummary {
  return { ...summary, duplicateOfCaseId: '', riskLevel: 0 };
}

/**
 * Whether the answer carries unmasked phones, addresses or ID numbers: it is audited. A party's
 * always does (its own record).
 */
export const revealsPii = (shown: PartiesShown) =>
  shown === 'clear' || shown === 'contacts' || shown === 'party';
