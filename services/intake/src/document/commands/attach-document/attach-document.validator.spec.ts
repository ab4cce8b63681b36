import { intakeV1, MAX_DOCUMENT_BYTES } from '@mediation/contracts';
import { validateAttachDocument } from './attach-document.validator';

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]);
const PDF = Buffer.from('%PDF-1.7\n%%EOF\n');
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

const request = (over: Partial<intakeV1.AttachDocumentRequest> = {}) =>
  intakeV1.AttachDocumentRequest.fromPartial({
    caseId: '4bf92f35-77b3-4da6-a3ce-929d0e0e4736',
    kind: intakeV1.DocumentKind.DOCUMENT_KIND_EVIDENCE,
    fileName: '现场照片.jpg',
    contentType: 'image/jpeg',
    content: JPEG,
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

  it.each(['a\u0000.pdf', '现场\u202Egpj.exe', 'a\uFFFDb.pdf'])(
    'refuses the unsafe file name %j',
    (fileName) => {
      expect(fields({ fileName })).toEqual(['file_name']);
    },
  );

  it('checks the content against its declared type (magic bytes), never believing it', () => {
    expect(fields({ contentType: 'application/pdf', content: PDF })).toEqual([]);
    expect(fields({ contentType: 'image/png', content: PNG })).toEqual([]);
    expect(fields({ contentType: 'text/plain', content: Buffer.from('证据清单\n') })).toEqual([]);
    expect(
      fields({
        contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        content: Buffer.from('PK\u0003\u0004rest', 'latin1'),
      }),
    ).toEqual([]);
    expect(fields({ contentType: 'application/pdf', content: PNG })).toEqual(['content']);
    expect(fields({ contentType: 'image/png', content: JPEG })).toEqual(['content']);
    expect(fields({ contentType: 'image/jpeg', content: PDF })).toEqual(['content']);
    expect(fields({ contentType: 'text/plain', content: Buffer.from([0x41, 0x00, 0x42]) })).toEqual(
      ['content'],
    );
    expect(fields({ contentType: 'text/plain', content: Buffer.from([0xc3, 0x28]) })).toEqual([
      'content',
    ]);
    expect(fields({ contentType: 'text/html', content: Buffer.from('<script>') })).toEqual([
      'content',
    ]);
  });
});
