import { intakeV1 } from '@mediation/contracts';
import type { PartiesShown } from '../../case/case-access';
import { mayDownload } from './document-meta.mapper';

const { DocumentKind } = intakeV1;
const identity = { kind: DocumentKind.DOCUMENT_KIND_IDENTITY_DOCUMENT };
const other = { kind: DocumentKind.DOCUMENT_KIND_EVIDENCE };
const readers: PartiesShown[] = ['clear', 'masked', 'contacts', 'none', 'party'];

describe('mayDownload', () => {
  it('gives identity documents only to readers of clear personal data', () => {
    expect(readers.filter((r) => mayDownload(identity, r))).toEqual(['clear']);
  });

  it('gives a party no document content at all, for now', () => {
    expect(readers.filter((r) => mayDownload(other, r))).toEqual([
      'clear',
      'masked',
      'contacts',
      'none',
    ]);
  });
});
