// Files the user attaches: the limit the gateway and intake hold, sizes in words, base64 for the API.

/** What intake keeps of one file (the gateway refuses more in base64). */
export const MAX_BYTES = 3 * 1024 * 1024;

export const sizeText = (bytes: string) => {
  const n = Number(bytes);
  return n >= 1024 * 1024
    ? `${(n / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(n / 1024))} KB`;
};

/** The file's bytes in base64, as the gateway takes them. */
export async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
