import { useContext, useState, type FormEvent } from 'react';
import { base64Of, MAX_BYTES, sizeText } from '../components/files';
import { useFormSubmit } from '../components/use-form-submit';
import { useLoad } from '../components/use-load';
import { LangContext, useT } from '../i18n';
import { label } from '../labels';
import { when } from '../time';
import { PartyProblem, partyFieldWords } from './party-problem';
import { partyApi, partyDownload } from './party-session';

interface PartyDocument {
  documentId: string;
  kind: string;
  fileName: string;
  sizeBytes: number;
  attachedAt: string | null;
  yours: boolean;
  /** The party may download it: what it added itself. */
  downloadable: boolean;
}

/** The case's documents as a party sees them, and its own evidence added from the phone. */
export function PartyEvidence({ caseId }: { caseId: string }) {
  const t = useT();
  const { lang } = useContext(LangContext);
  const path = `/cases/${encodeURIComponent(caseId)}/documents`;
  const { data, reload } = useLoad(
    () => partyApi<{ documents: PartyDocument[] }>('GET', path),
    [caseId],
  );
  const [file, setFile] = useState<File | null>(null);
  const [key, setKey] = useState(() => crypto.randomUUID());
  const { busy, problem, submit, err } = useFormSubmit({ describe: partyFieldWords(t) });
  const [downloadError, setDownloadError] = useState<unknown>(null);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (!file) local.contentBase64 = t('file');
    else if (file.size > MAX_BYTES) local.contentBase64 = t('partyBadFile');
    const done = await submit(
      async () =>
        partyApi('POST', path, {
          kind: 'DOCUMENT_KIND_EVIDENCE',
          fileName: file!.name,
          contentType: file!.type || 'application/octet-stream',
          contentBase64: await base64Of(file!),
          idempotencyKey: key,
        }),
      local,
    );
    if (done) {
      setFile(null);
      setKey(crypto.randomUUID());
      reload();
    }
  };

  return (
    <section className="card" aria-labelledby="party-evidence">
      <h2 id="party-evidence">{t('yourEvidence')}</h2>
      <ul data-documents>
        {data?.documents.map((d) => (
          <li key={d.documentId} data-yours={d.yours}>
            {label(d.kind, lang)} · {d.yours ? d.fileName : t('addedByOthers')} ·{' '}
            {sizeText(String(d.sizeBytes))} · {when(d.attachedAt, lang)}
            {d.yours && ` (${t('addedByYou')})`}
            {d.downloadable && (
              <>
                {' '}
                <button
                  type="button"
                  className="link"
                  data-download={d.documentId}
                  onClick={() => {
                    setDownloadError(null);
                    void partyDownload(
                      `${path}/${encodeURIComponent(d.documentId)}`,
                      d.fileName || 'document',
                    ).catch(setDownloadError);
                  }}
                >
                  {t('download')}
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
      <PartyProblem error={downloadError} />
      <form onSubmit={onSubmit} noValidate>
        <p className="hint">{t('evidenceLead')}</p>
        <label>
          {t('file')}
          <input
            key={key}
            type="file"
            name="evidence"
            accept="image/*,application/pdf"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
          {err('contentBase64')}
        </label>
        <PartyProblem error={problem} />
        <button type="submit" disabled={busy}>
          {t('addEvidence')}
        </button>
      </form>
    </section>
  );
}
