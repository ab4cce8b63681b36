import type { intakeV1 } from '@mediation/contracts';
import type { PiiProtector } from '../../pii/pii-protector';
import type { PartiesShown } from '../case-access';
import type { CaseState } from '../domain/case.entity';
import { caseView } from './case-view.mapper';

/**
 * The case as this reader may see it (CaseReadAccess.parties): the lawyer who claimed the
 * referral gets names, phones and addresses but keeps ID numbers masked; a lawyer before the
 * claim gets the parties' roles only, no names or contacts, masked or not.
 */
export function caseForReader(
  id: string,
  version: number,
  state: CaseState,
  shown: PartiesShown,
  pii: PiiProtector,
): intakeV1.Case {
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

/** Whether the answer carries unmasked phones, addresses or ID numbers: it is audited. */
export const revealsPii = (shown: PartiesShown) => shown === 'clear' || shown === 'contacts';
