import type { Response } from 'express';

/** A binary download with a safe Content-Disposition (RFC 6266 filename*). */
export function sendFile(
  res: Response,
  content: Buffer,
  contentType = 'application/octet-stream',
  fileName = 'download',
) {
  res.setHeader('content-type', contentType);
  res.setHeader(
    'content-disposition',
    `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`,
  );
  res.setHeader('x-content-type-options', 'nosniff');
  res.end(content);
}
