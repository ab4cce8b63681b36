// Size bounds of intake's inputs (docs/intake.md). Generous for real disputes, small enough
// that one case document stays far below MongoDB's 16 MiB.
export const INTAKE_LIMITS = {
  idempotencyKey: 128,
  parties: 50,
  name: 100,
  idNumber: 32,
  phone: 32,
  address: 200,
  description: 5_000,
  riskNote: 1_000,
  riskFactors: 10,
  externalReference: 64,
  referralId: 64,
  reason: 1_000,
  peopleInvolved: 1_000_000,
  /** 10^14 fen = 1 trillion yuan: an exact JavaScript number. */
  amountFen: 100_000_000_000_000,
} as const;

/** Identifiers: letters, digits and . _ : - only (no braces, no $, no quotes). */
export const IDENTIFIER = /^[A-Za-z0-9._:-]+$/;
