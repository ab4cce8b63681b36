import { notificationV1 } from '@mediation/contracts';
import { InvalidInputError } from '@mediation/domain-kit';
import type { RpcCall } from '@mediation/service-kit';
import type { NotificationDeps } from '../../../notification.tokens';
import { caseInScope } from '../../case-scope';
import { toWirePreferences } from '../../mapping/delivery.mapper';

const { NoticeLanguage } = notificationV1;

/**
 * SetPartyPreferences: a party's wishes for texts about one case, as staff record them (or, later,
 * the party online). Applies to what is sent from now on, reminders already planned included.
 */
export async function setPartyPreferences(
  deps: NotificationDeps,
  req: notificationV1.SetPartyPreferencesRequest,
  call: RpcCall,
): Promise<notificationV1.SetPartyPreferencesResponse> {
  const kase = await caseInScope(deps, req.caseId, call.principal);
  if (!kase.partyIds.includes(req.partyId))
    throw new InvalidInputError('party_id: not a party of this case', 'party_id');
  if (
    req.language !== NoticeLanguage.NOTICE_LANGUAGE_UNSPECIFIED &&
    req.language !== NoticeLanguage.NOTICE_LANGUAGE_ZH &&
    req.language !== NoticeLanguage.NOTICE_LANGUAGE_EN
  )
    throw new InvalidInputError('language: ZH or EN', 'language');
  const language = req.language === NoticeLanguage.NOTICE_LANGUAGE_EN ? 'en' : 'zh';
  const saved = await deps.preferences.set(
    kase._id,
    req.partyId,
    { remindersOff: req.remindersOff, language },
    deps.clock(),
  );
  return { preferences: toWirePreferences(saved) };
}
