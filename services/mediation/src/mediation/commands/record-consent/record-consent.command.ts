import { mediationV1 } from '@mediation/contracts';
import { recordConsent, type ConsentSubject } from '../../domain';
import { defineCommand } from '../command-spec';
import { domainEnum, optionalEnum } from '../../mapping/request-to-domain';

/** Staff record a party's consent as given to them; a party records its own, online. */
export const recordConsentCommand = defineCommand<mediationV1.RecordConsentRequest>({
  name: 'RecordConsent',
  actedBy: 'staff-or-party',
  decide: (state, req, ctx) =>
    recordConsent(
      state,
      {
        partyId: req.partyId,
        subject: domainEnum<ConsentSubject>(
          mediationV1.ConsentSubject,
          'CONSENT_SUBJECT_',
          req.subject,
          'subject',
        ),
        subjectRef: req.subjectRef,
        method: optionalEnum(mediationV1.ConsentMethod, req.method, 'method'),
        note: req.note,
        termExtensionDays: req.termExtensionDays,
      },
      ctx,
    ),
});
