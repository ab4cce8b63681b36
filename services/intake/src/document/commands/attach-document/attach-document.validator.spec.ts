import { intakeV1, MAX_DOCUMENT_BYTES } from '@mediation/contracts';
import { validateAttachDocument } from './attach-document.validator';

const request = (over: Partial<intakeV1.AttachDocumentRequest> = {}) =>
  intakeV1.AttachDocumentRequest.fromPartial({
    caseId: '4bf92f35-77b3-4da6-a3ce-929d0e0e4736',
    kind: intakeV1.DocumentKind.DOCUMENT_KIND_EVIDENCE,
    fileName: '现场照片.jpg',
    contentType: 'image/jpeg',
    content: Buffer.from('jpeg'),
    ...over,
  });
const fields = (over: Partial<intakeV1.AttachDocumentRequest>) =>
  validateAttachDocument(request(over)).map((v) => v.field);

describe('validateAttachDocument', () => {
  it('accepts a bare file name with a media type', () => {
    expect(fields({})).toEqual([]);
  });

  it.each(['../secret', 'a/b.txt', 'a\\b.txt', '..', 'tab\there'])(
    'refuses the file name %j',
    (fileName) => {
      expect(fields({ fileName })).toEqual(['file_name']);
    },
  );

  it('bounds the content and requires kind and media type', () => {
    expect(fields({ content: Buffer.alloc(0) })).toEqual(['content']);
    expect(fields({ content: Buffer.alloc(MAX_DOCUMENT_BYTES + 1) })).toEqual(['content']);
    expect(fields({ kind: 0, contentType: 'pdf' })).toEqual(['kind', 'content_type']);
  });
});
