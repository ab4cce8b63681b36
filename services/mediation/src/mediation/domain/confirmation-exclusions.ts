import { RuleViolationError } from './mediation.errors';
import type { Agreement, ConfirmationRefusalReason, StatusMatter } from './mediation.types';

/**
 * 法释〔2011〕5号 art. 4: a court does not accept an application to confirm an agreement that
 * confirms personal status, an adoption or a marriage relation. Each excluded matter with the
 * ground the court gives, in its words.
 */
const EXCLUDED: Record<
  StatusMatter,
  { reason: ConfirmationRefusalReason; zh: string; en: string }
> = {
  PERSONAL_STATUS: {
    reason: 'PERSONAL_STATUS',
    zh: '确认身份关系的，人民法院不予受理',
    en: 'a court does not accept an application to confirm personal status',
  },
  ADOPTION: {
    reason: 'ADOPTION',
    zh: '确认收养关系的，人民法院不予受理',
    en: 'a court does not accept an application to confirm an adoption',
  },
  MARRIAGE: {
    reason: 'MARRIAGE',
    zh: '确认婚姻关系的，人民法院不予受理',
    en: 'a court does not accept an application to confirm a marriage relation',
  },
};

/** Refuses judicial confirmation of an agreement that settles an excluded matter. */
export function assertConfirmable(agreement: Agreement): void {
  const matter = (agreement.statusMatters ?? []).find((m) => EXCLUDED[m]);
  if (!matter) return;
  const { reason, zh, en } = EXCLUDED[matter];
  throw new ConfirmationExcludedError(reason, `${en}; ${zh} (法释〔2011〕5号 art. 4)`);
}

/** Judicial confirmation the law excludes (FAILED_PRECONDITION), with the court's ground. */
export class ConfirmationExcludedError extends RuleViolationError {
  constructor(
    readonly reason: ConfirmationRefusalReason,
    detail: string,
  ) {
    super(`judicial confirmation excluded (CONFIRMATION_REFUSAL_REASON_${reason}): ${detail}`);
  }
}
