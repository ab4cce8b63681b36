/**
 * What a party reads of a case (the party app): where it is and what happens next in plain words,
 * who has it, and the parties by name and role. No ID numbers, phones or addresses: the party knows
 * their own, and may not read the others'.
 */
import type { OrgDirectory } from '@mediation/org-directory';

/** The case JSON as the gateway serves it to staff (proto3 JSON, committee names added). */
interface CaseJson {
  caseId?: string;
  caseNumber?: string;
  category?: string;
  status?: string;
  registeredAt?: string | null;
  committee?: { code?: string; name?: string } | null;
  parties?: { partyId?: string; role?: string; name?: string; phone?: string }[];
  progress?: {
    holder?: { code?: string; name?: string } | null;
    leadMediator?: { displayName?: string } | null;
    nextDeadlineAt?: string | null;
    nextDeadlineKind?: string;
  } | null;
}

type Words = { zh: string; en: string };

const NEXT_STEP: Record<string, Words> = {
  CASE_STATUS_REGISTERED: {
    zh: '调解委员会将在3个工作日内决定是否受理，结果会短信通知您。',
    en: 'The committee decides within 3 working days whether to take the case; you will get a text.',
  },
  CASE_STATUS_ENTRUSTED_IN: {
    zh: '案件由有关机关委派，调解委员会正在决定是否受理。',
    en: 'The case was entrusted by an authority; the committee is deciding whether to take it.',
  },
  CASE_STATUS_ACCEPTED: {
    zh: '已受理。调解员会与您联系并安排调解时间。',
    en: 'Accepted. A mediator will contact you and set a time to meet.',
  },
  CASE_STATUS_REJECTED: {
    zh: '未予受理。短信中写明了原因和您可以选择的其他途径，咨询请拨12348。',
    en: 'Not accepted. The text you received gives the reason and your other options; call 12348.',
  },
  CASE_STATUS_IN_MEDIATION: {
    zh: '调解进行中。请按通知的时间参加调解。',
    en: 'Mediation is under way. Please attend at the times you are told.',
  },
  CASE_STATUS_ESCALATED: {
    zh: '案件已移交上级调解委员会，对方受理后会通知您。',
    en: 'The case went up to a higher committee; you will be told when it takes the case.',
  },
  CASE_STATUS_AGREEMENT_WRITTEN: {
    zh: '已达成书面调解协议。请按协议履行；可以共同申请法院司法确认。',
    en: 'A written agreement was reached. Please carry it out; you may jointly ask a court to confirm it.',
  },
  CASE_STATUS_AGREEMENT_ORAL: {
    zh: '已达成口头协议。请按约定履行。',
    en: 'An oral agreement was reached. Please carry it out as agreed.',
  },
  CASE_STATUS_CONFIRMATION_REQUESTED: {
    zh: '已申请司法确认，法院作出决定后会通知您。',
    en: 'Court confirmation was requested; you will be told of the court’s decision.',
  },
  CASE_STATUS_CONFIRMED: {
    zh: '法院已确认调解协议，协议可以申请强制执行。',
    en: 'The court confirmed the agreement; it can now be enforced.',
  },
  CASE_STATUS_CONFIRMATION_REFUSED: {
    zh: '法院未确认协议。可以通过调解变更协议或另行达成协议，也可以向法院起诉。',
    en: 'The court did not confirm the agreement. You may change it by mediation, make a new one, or sue.',
  },
  CASE_STATUS_PERFORMING: {
    zh: '协议正在履行中，调解员会跟进履行情况。',
    en: 'The agreement is being carried out; the mediator follows up.',
  },
  CASE_STATUS_PERFORMED: {
    zh: '协议已履行完毕。欢迎对本次调解作出评价。',
    en: 'The agreement has been carried out. You are welcome to rate the mediation.',
  },
  CASE_STATUS_CLOSED: {
    zh: '调解已结束。欢迎对本次调解作出评价。',
    en: 'The mediation has ended. You are welcome to rate it.',
  },
  CASE_STATUS_FAILED: {
    zh: '调解未成功。您可以通过仲裁、行政或诉讼等途径解决，咨询请拨12348。',
    en: 'Mediation did not succeed. You may turn to arbitration, the authorities or a court; call 12348.',
  },
  CASE_STATUS_REFERRED_OUT: {
    zh: '案件已转交有关机关处理，处理结果会通知您。',
    en: 'The case was passed to an authority; you will be told the outcome.',
  },
  CASE_STATUS_RETURNED: {
    zh: '案件已退回调解委员会，调解员会与您联系。',
    en: 'The case came back to the committee; a mediator will contact you.',
  },
  CASE_STATUS_REOPENED: {
    zh: '案件已重新开始调解，调解员会与您联系。',
    en: 'Mediation has started again; a mediator will contact you.',
  },
  CASE_STATUS_WITHDRAWN: {
    zh: '申请已撤回，案件不再处理。',
    en: 'The application was withdrawn; nothing more will be done.',
  },
  CASE_STATUS_STOPPED_BY_REFUSAL: {
    zh: '因一方不同意调解，调解已终止。您可以通过其他途径解决，咨询请拨12348。',
    en: 'Mediation stopped because a party did not agree to it. Other ways remain open; call 12348.',
  },
};

const UNKNOWN: Words = {
  zh: '案件正在处理中，咨询请拨12348。',
  en: 'The case is being handled; call 12348 with questions.',
};

export const nextStepOf = (status: string | undefined): Words =>
  (status && NEXT_STEP[status]) || UNKNOWN;

/** The 12348 public legal service hotline: the number to call where a committee's own is not on record. */
export const LEGAL_SERVICE_HOTLINE = '12348';

export interface CommitteeContact {
  /** Where the committee receives the parties ('' when the directory does not say). */
  office: string;
  phone: string;
}

/** The office and telephone of whoever holds the case (a committee, or a reasoning point). */
export function committeeContact(directory: OrgDirectory, code: string): CommitteeContact {
  const c = directory.findCommittee(code);
  if (c) return { office: c.office ?? '', phone: c.phone ?? LEGAL_SERVICE_HOTLINE };
  // A reasoning point's volunteers hold the case themselves: the parties go to the point.
  return {
    office: directory.has(code) ? directory.fullName(code) : '',
    phone: LEGAL_SERVICE_HOTLINE,
  };
}

/**
 * The party's view of a case or a list's summary, `mobile` being the reader's proven number and
 * `contactOf` where to find the committee holding it.
 */
export function partyCaseView(
  c: CaseJson,
  mobile: string,
  contactOf: (committeeCode: string) => CommitteeContact,
) {
  const progress = c.progress ?? null;
  const holder = progress?.holder?.code ? progress.holder : c.committee;
  return {
    caseId: c.caseId ?? '',
    caseNumber: c.caseNumber ?? '',
    category: c.category ?? '',
    status: c.status ?? '',
    nextStep: nextStepOf(c.status),
    registeredAt: c.registeredAt ?? null,
    committee: holder?.code
      ? { code: holder.code, name: holder.name ?? '', ...contactOf(holder.code) }
      : null,
    mediator: progress?.leadMediator?.displayName || null,
    nextDeadline:
      progress?.nextDeadlineAt && progress.nextDeadlineKind
        ? { at: progress.nextDeadlineAt, kind: progress.nextDeadlineKind }
        : null,
    // A list's summaries carry no parties; one case does.
    ...(c.parties
      ? {
          parties: c.parties.map((p) => ({
            partyId: p.partyId ?? '',
            role: p.role ?? '',
            name: p.name ?? '',
            you: p.phone === mobile,
          })),
        }
      : {}),
  };
}

/** A document as the gateway serves it to staff (proto3 JSON). */
export interface PartyDocumentJson {
  documentId?: string;
  kind?: string;
  fileName?: string;
  sizeBytes?: string;
  attachedAt?: string | null;
  attachedBy?: { subject?: string } | null;
  contentWithheld?: boolean;
}

/**
 * What a party reads of a document of its case: its kind and when, and whether intake lets it
 * download it (only what it added itself); the file's name only of what it added itself (a name
 * may say things about someone else); no one's name.
 */
export function partyDocumentView(d: PartyDocumentJson, reader: { subject: string }) {
  const yours = !!d.attachedBy?.subject && d.attachedBy.subject === reader.subject;
  return {
    documentId: d.documentId ?? '',
    kind: d.kind ?? '',
    fileName: yours ? (d.fileName ?? '') : '',
    sizeBytes: Number(d.sizeBytes ?? 0),
    attachedAt: d.attachedAt ?? null,
    yours,
    downloadable: !d.contentWithheld,
  };
}
