import { base64Of, MAX_BYTES, sizeText } from './files';
import { useContext, useRef, useState } from 'react';
import { api, download } from '../api';
import { LangContext, useT } from '../i18n';
import { label, valuesOf } from '../labels';
import { when } from '../time';
import { labelled, SelectField, TextAreaField } from './mediation-actions/form-helpers';
import { ProblemBanner } from './problem-banner';
import { useFormSubmit } from './use-form-submit';
import { useLoad } from './use-load';

interface DocumentMeta {
  documentId: string;
  kind: string;
  fileName: string;
  contentType: string;
  sizeBytes: string;
  description: string;
  attachedAt: string | null;
  attachedBy: { subject: string; displayName: string } | null;
  /** An ID scan for a reader who sees parties' personal data masked: listed, not downloadable. */
  contentWithheld?: boolean;
}

const KINDS = valuesOf('DOCUMENT_KIND_');

/**
 * The case's documents (application forms, evidence, ID copies, letters): each downloads as it
 * was attached; committee staff attach more, up to 3 MB each, and export the whole case file
 * (卷宗: registration, documents, work records, agreement) as one archive.
 */
export function CaseDocuments({ caseId, canAttach }: { caseId: string; canAttach: boolean }) {
  const t = useT();
  const { lang } = useContext(LangContext);
  const id = encodeURIComponent(caseId);
  const docs = useLoad(
    () => api<{ documents: DocumentMeta[] }>('GET', `/cases/${id}/documents`),
    [caseId],
  );
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const [kind, setKind] = useState(KINDS[0]);
  const [description, setDescription] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const form = useFormSubmit();
  const attach = async () => {
    const problems: Record<string, string> = {};
    if (!file) problems.file = t('chooseFile');
    else if (file.size > MAX_BYTES) problems.file = t('fileTooLarge');
    const done = await form.submit(
      async () =>
        api('POST', `/cases/${id}/documents`, {
          kind,
          fileName: file!.name,
          contentType: file!.type || 'application/octet-stream',
          contentBase64: await base64Of(file!),
          description,
          idempotencyKey: `doc-${Date.now()}-${Math.random().toString(36).slice(2)}`,
        }),
      problems,
    );
    if (!done) return;
    setFile(null);
    setDescription('');
    if (input.current) input.current.value = '';
    docs.reload();
  };
  const list = docs.data?.documents ?? [];
  return (
    <section className="card case-documents" aria-labelledby="documents-title">
      <h2 id="documents-title">{t('documents')}</h2>
      {canAttach && (
        <p>
          <button
            type="button"
            className="secondary"
            data-case-file
            onClick={() => {
              setDownloadError(null);
              download(`/mediations/${id}/case-file.zip`, 'case-file.zip').catch(setDownloadError);
            }}
          >
            {t('exportCaseFile')}
          </button>
        </p>
      )}
      <ProblemBanner error={docs.error ?? downloadError} />
      {docs.data && list.length === 0 && <p>{t('noDocuments')}</p>}
      {list.length > 0 && (
        <table className="documents">
          <thead>
            <tr>
              <th>{t('documentKind')}</th>
              <th>{t('fileName')}</th>
              <th>{t('fileSize')}</th>
              <th>{t('attachedAt')}</th>
              <th>{t('documentNote')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((d) => (
              <tr key={d.documentId} data-document={d.documentId}>
                <td>{label(d.kind, lang)}</td>
                <td>
                  {d.contentWithheld ? (
                    <>
                      {d.fileName}
                      <span className="muted" data-withheld>
                        {' '}
                        {t('documentWithheld')}
                      </span>
                    </>
                  ) : (
                    <button
                      type="button"
                      className="link"
                      onClick={() => {
                        setDownloadError(null);
                        download(`/cases/${id}/documents/${d.documentId}`, d.fileName).catch(
                          setDownloadError,
                        );
                      }}
                    >
                      {d.fileName}
                    </button>
                  )}
                </td>
                <td>{sizeText(d.sizeBytes)}</td>
                <td>
                  {when(d.attachedAt, lang)}
                  {d.attachedBy && ` · ${d.attachedBy.displayName || d.attachedBy.subject}`}
                </td>
                <td>{d.description || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canAttach && (
        <form
          className="attach-document"
          onSubmit={(e) => {
            e.preventDefault();
            void attach();
          }}
        >
          <h3>{t('attachDocument')}</h3>
          <SelectField
            text="documentKind"
            name="documentKind"
            value={kind}
            options={labelled(KINDS, lang)}
            onChange={setKind}
          />
          <label>
            {t('file')}
            <input
              ref={input}
              type="file"
              name="file"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
            {form.err('file') || form.err('contentBase64')}
          </label>
          <TextAreaField
            text="documentNote"
            name="documentDescription"
            rows={2}
            value={description}
            onChange={setDescription}
            error={form.err('description')}
          />
          {form.banner}
          <button type="submit" disabled={form.busy}>
            {t('attachDocument')}
          </button>
        </form>
      )}
    </section>
  );
}
