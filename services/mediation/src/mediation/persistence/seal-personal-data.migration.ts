import type { Model } from 'mongoose';
import type { Sealer } from '@mediation/persistence';
import type { AgreementDocumentStore } from '../documents/agreement-document.store';
import type { PartyAsWritten } from './mediation.document';
import { hasPlainParties, sealParties } from './sealed-parties';

export const SEAL_PERSONAL_DATA_MIGRATION = 'seal-agreement-personal-data-v1';

/**
 * The data migration that seals what was kept in clear before sealing: the parties as written on
 * agreements, and the stored agreement PDFs. Safe to run twice: sealed values are left alone, and
 * readers open plain values until it has run.
 */
export async function sealPersonalDataAtRest(
  model: Model<unknown>,
  documents: AgreementDocumentStore,
  sealer: Sealer,
): Promise<{ mediations: number; pdfs: number }> {
  let mediations = 0;
  const withParties = model.collection.find<{ _id: unknown; agreementParties?: PartyAsWritten[] }>(
    {},
    { projection: { agreementParties: 1 } },
  );
  for await (const m of withParties) {
    if (!m.agreementParties?.length || !hasPlainParties(m.agreementParties)) continue;
    await model.collection.updateOne(
      { _id: m._id as never },
      { $set: { agreementParties: sealParties(sealer, m.agreementParties) } },
    );
    mediations += 1;
  }
  return { mediations, pdfs: await documents.sealStoredInClear() };
}
