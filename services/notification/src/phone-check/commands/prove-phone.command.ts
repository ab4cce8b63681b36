import { status } from '@grpc/grpc-js';
import type { notificationV1 } from '@mediation/contracts';
import { InvalidInputError } from '@mediation/domain-kit';
import { grpcError, type RpcCall } from '@mediation/service-kit';
import {
  afterProof,
  afterWrongCode,
  codeHash,
  lockoutLeftMs,
  PHONE_CHECK_RULES,
  phoneKey,
} from '../domain/phone-check';
import { requireMobile } from '../mobile-number';
import { assertGatewayCall, type PhoneCheckDeps } from '../phone-check.deps';

const WRONG = 'The code is wrong, has expired or was already used: ask for a new one if need be.';
const locked = (ms: number) =>
  grpcError(
    status.RESOURCE_EXHAUSTED,
    `Too many wrong codes for this number: try again in ${Math.ceil(ms / 60_000)} min.`,
  );

/**
 * ProvePhone: the code texted for a check, typed back. A wrong, expired or used code (or an
 * unknown check) gets the same answer and counts as a wrong code for the number; too many in a
 * row lock the number out, and a locked number proves nothing, not even with the right code.
 */
export async function provePhone(
  deps: PhoneCheckDeps,
  req: notificationV1.ProvePhoneRequest,
  call: RpcCall,
): Promise<notificationV1.ProvePhoneResponse> {
  assertGatewayCall(call.principal);
  const mobile = requireMobile(req.mobile);
  if (!/^\d{6}$/.test(req.code))
    throw new InvalidInputError('code', 'must be the six digits texted');
  if (!/^[\w-]{1,64}$/.test(req.checkId)) throw new InvalidInputError('check_id', WRONG);
  const now = deps.clock();
  const key = phoneKey(deps.secret, mobile);
  const lockedMs = lockoutLeftMs(await deps.checks.limitsOf(key), now);
  if (lockedMs > 0) throw locked(lockedMs);
  const proved = await deps.checks.prove(
    req.checkId,
    key,
    codeHash(deps.secret, req.checkId, req.code),
    now,
    PHONE_CHECK_RULES.wrongPerCheck,
  );
  if (proved) {
    await deps.checks.changeLimits(key, (limits) => ({
      limits: limits.wrongInARow === 0 ? undefined : afterProof(limits),
      result: undefined,
    }));
    return { mobile: mobile };
  }
  await deps.checks.countWrong(req.checkId, key);
  const after = await deps.checks.changeLimits(key, (limits) => {
    const next = afterWrongCode(limits, now);
    return { limits: next, result: next };
  });
  const nowLocked = lockoutLeftMs(after, now);
  if (nowLocked > 0) throw locked(nowLocked);
  throw new InvalidInputError('code', WRONG);
}
