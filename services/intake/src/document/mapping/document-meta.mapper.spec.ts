import { intakeV1 } from '@mediation/contracts';
import type { PartiesShown } from '../../case/case-access';
import { mayDownload } from './document-meta.mapper';

const { DocumentKind } = intakeV1;
const by = (subject: string) => ({ subject, role: 0, orgUnitCode: '' });
const identity = { kind: DocumentKind.DOCUMENT_KIND_IDENTITY_DOCUMENT, attachedBy: by('staff:a') };
const other = { kind: DocumentKind.DOCUMENT_KIND_EVIDENCE, attachedBy: by('staff:a') };
const partysOwn = { kind: DocumentKind.DOCUMENT_KIND_EVIDENCE, attachedBy: by('party:p1') };
const readers: PartiesShown[] = ['clear', 'masked', 'contacts', 'none', 'party'];

describe('mayDownload', () => {
  it('gives identity documents only to readers of clear personal data', () => {
    expect(readers.filter((r) => mayDownload(identity, r, 'staff:b'))).toEqual(['clear']);
  });

  it('gives a party only what it added itself', () => {
    expect(mayDownload(partysOwn, 'party', 'party:p1')).toBe(true);
    expect(mayDownload(partysOwn, 'party', 'party:p2')).toBe(false);
    expect(mayDownload(other, 'party', 'party:p1')).toBe(false);
    // An empty subject matches nothing, not a record that lost its author.
    expect(mayDownload({ ...partysOwn, attachedBy: by('') }, 'party', '')).toBe(false);
    expect(readers.filter((r) => mayDownload(other, r, 'staff:b'))).toEqual([
      'clear',
      'masked',
      'contacts',
      'none',
    ]);
  });
});
