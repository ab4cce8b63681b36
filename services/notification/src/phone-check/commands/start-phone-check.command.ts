import { randomUUID } from 'node:crypto';
import { status } from '@grpc/grpc-js';
import { notificationV1, toTimestamp } from '@mediation/contracts';
import { InvalidInputError } from '@mediation/domain-kit';
import { grpcError, type RpcCall } from '@mediation/service-kit';
import { codeHash, decideSend, newCode, PHONE_CHECK_RULES, phoneKey } from '../domain/phone-check';
import { requireMobile } from '../mobile-number';
import { assertGatewayCall, type PhoneCheckDeps } from '../phone-check.deps';

/**
 * StartPhoneCheck: texts a one-time code to a mobile number. Any valid mainland mobile gets one,
 * on a case or not, so the answer says nothing of who has cases. The number's limits are taken
 * before the text goes out, so that a provider outage cannot be used to send without limit.
 */
export async function startPhoneCheck(
  deps: PhoneCheckDeps,
  req: notificationV1.StartPhoneCheckRequest,
  call: RpcCall,
): Promise<notificationV1.StartPhoneCheckResponse> {
  assertGatewayCall(call.principal);
  const mobile = requireMobile(req.mobile);
  const language = req.language === notificationV1.NoticeLanguage.NOTICE_LANGUAGE_EN ? 'en' : 'zh';
  const now = deps.clock();
  const key = phoneKey(deps.secret, mobile);
  const decision = await deps.checks.changeLimits(key, (limits) => {
    const d = decideSend(limits, now);
    return { limits: d.ok ? d.limits : undefined, result: d };
  });
  if (!decision.ok)
    throw grpcError(
      status.RESOURCE_EXHAUSTED,
      `No new code for this number yet: try again in ${Math.ceil(decision.retryAfterMs / 1000)} s.`,
    );
  const checkId = randomUUID();
  const code = newCode();
  const expiresAt = new Date(+now + PHONE_CHECK_RULES.codeTtlMs);
  await deps.checks.add({
    _id: checkId,
    phoneKey: key,
    codeHash: codeHash(deps.secret, checkId, code),
    createdAt: now,
    expiresAt,
    wrong: 0,
    usedAt: null,
  });
  const template = deps.templates.of('phone-code', language);
  const sent = await deps.sms.send({
    phone: mobile,
    template: template.code,
    params: { code, minutes: String(PHONE_CHECK_RULES.codeTtlMs / 60_000) },
    reference: checkId,
  });
  // Not retried: the person asks again (after the resend wait) if no text arrives.
  if (sent.kind === 'failed' || sent.kind === 'unknown')
    throw grpcError(status.UNAVAILABLE, 'The code could not be texted now: try again shortly.');
  if (sent.kind === 'rejected')
    throw new InvalidInputError('mobile', 'the text provider refused this number');
  return {
    checkId,
    expiresAt: toTimestamp(expiresAt),
    resendAfter: toTimestamp(new Date(+now + PHONE_CHECK_RULES.resendAfterMs)),
  };
}
