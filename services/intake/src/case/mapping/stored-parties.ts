import { randomUUID } from 'node:crypto';
import { commonV1, normalisePhone, normaliseResidentId } from '@mediation/contracts';
import type { PiiProtector } from '../../pii/pii-protector';
import type { StoredParty } from '../domain/case.entity';
import { maskAddress, maskIdNumber, maskPhone } from '@mediation/domain-kit';
import { idNumberLookupHash, phoneLookupHash } from './party-lookup-keys';

/** Validated input parties as stored: PII sealed, masked for display, hashed for look-ups. */
export function toStoredParties(parties: commonV1.Party[], pii: PiiProtector): StoredParty[] {
  return parties.map((p) => {
    const idNumber =
      p.idType === commonV1.IdType.ID_TYPE_RESIDENT_ID_CARD
        ? normaliseResidentId(p.idNumber)
        : p.idNumber.trim();
    const phone = p.phone ? (normalisePhone(p.phone)?.value ?? '') : '';
    const address = p.address.trim();
    return {
      // An amendment may keep a party's identity by sending its id back (validated as known).
      partyId: p.partyId || randomUUID(),
      kind: p.kind,
      role: p.role,
      name: p.name.trim(),
      idType: p.idType,
      idNumberEnc: pii.encrypt(idNumber),
      idNumberMasked: idNumber ? maskIdNumber(idNumber) : '',
      idNumberHash: idNumberLookupHash(pii, p.idType, idNumber),
      phoneEnc: pii.encrypt(phone),
      phoneMasked: phone ? maskPhone(phone) : '',
      phoneHash: phoneLookupHash(pii, phone),
      addressEnc: pii.encrypt(address),
      addressMasked: address ? maskAddress(address) : '',
      consent: p.consent || commonV1.ConsentState.CONSENT_STATE_PENDING,
    };
  });
}
