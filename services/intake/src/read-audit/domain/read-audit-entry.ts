import type { ActorState } from '../../case/domain/case.entity';

// One read of personal data: a response that revealed unmasked ID numbers, phones or addresses,
// or a document's content. Written before the response leaves (no unaudited read goes out).

/** A download another service served and intake recorded (RecordDownload): that RPC's name. */
export type ServedRead = 'GetAgreementDocument' | 'ExportCaseFile';

/** What was read: the RPC's name. */
export type AuditedRead = 'GetCase' | 'GetDocument' | 'GetPartyContacts' | ServedRead;

export interface ReadAuditEntry {
  _id: string;
  readAt: Date;
  caseId: string;
  /** The case's number, kept so the audit reads as people know the case (absent on old entries). */
  caseNumber?: string;
  /** '' unless a document's content was read. */
  documentId: string;
  /** A download another service served: the SHA-256 of the bytes it sent. */
  sha256?: string;
  reader: ActorState;
  what: AuditedRead;
  /** "scope" or "referral:<id>" (CaseReadAccess.why); a notice's purpose for GetPartyContacts. */
  why: string;
}
