// The console speaks only to the gateway's /api/v1 (same origin). Errors arrive as RFC 9457
// problems; a 401 drops the session so the user logs in again.

export interface FieldError {
  field: string;
  description: string;
}

export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly errors: FieldError[] = [],
    readonly requestId?: string,
  ) {
    super(detail ?? title);
  }
}

const TOKEN_KEY = 'mediation.token';
let onUnauthorized: () => void = () => undefined;

export const session = {
  token: () => sessionStorage.getItem(TOKEN_KEY),
  set: (token: string) => sessionStorage.setItem(TOKEN_KEY, token),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
  onUnauthorized: (f: () => void) => (onUnauthorized = f),
};

function headers(json: boolean, token = session.token()): Record<string, string> {
  return {
    accept: 'application/json',
    ...(json ? { 'content-type': 'application/json' } : {}),
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  };
}

async function failure(res: Response, unauthorized = onUnauthorized): Promise<Problem> {
  let body: { title?: string; detail?: string; errors?: FieldError[]; requestId?: string } = {};
  try {
    body = await res.json();
  } catch {
    /* not a problem document */
  }
  if (res.status === 401) unauthorized();
  return new Problem(
    res.status,
    body.title ?? res.statusText,
    body.detail,
    body.errors ?? [],
    body.requestId,
  );
}

export async function api<T = Record<string, unknown>>(
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  return apiAs<T>({ token: session.token(), onUnauthorized }, method, path, body);
}

/** The API with another session than the staff's (the party app's), and its own 401 handling. */
export async function apiAs<T = Record<string, unknown>>(
  as: { token: string | null; onUnauthorized: () => void },
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`/api/v1${path}`, {
    method,
    headers: headers(body !== undefined, as.token),
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw await failure(res, as.onUnauthorized);
  return (await res.json()) as T;
}

/** Downloads a file the API serves (PDF, CSV) with the staff's bearer token, then saves it. */
export function download(path: string, fallbackName: string): Promise<void> {
  return downloadAs(
    { token: session.token(), onUnauthorized: () => onUnauthorized() },
    path,
    fallbackName,
  );
}

/** The same with another session than the staff's (the party app's). */
export async function downloadAs(
  as: { token: string | null; onUnauthorized: () => void },
  path: string,
  fallbackName: string,
): Promise<void> {
  const res = await fetch(`/api/v1${path}`, { headers: headers(false, as.token) });
  if (!res.ok) throw await failure(res, as.onUnauthorized);
  const disposition = res.headers.get('content-disposition') ?? '';
  const match = /filename\*=UTF-8''([^;]+)/.exec(disposition);
  const name = match ? decodeURIComponent(match[1]) : fallbackName;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}

/**
 * Server-sent events over fetch (EventSource cannot send the Authorization header, and tokens
 * never go into URLs). Calls onEvent for each event named in `names` ("summary" by default) until
 * the signal aborts; an "error" event becomes a thrown Problem. Resolves 'expired' when the
 * gateway ended the stream because the token that opened it ended (reopen it with the refreshed
 * one), else 'ended'.
 */
export async function stream(
  path: string,
  signal: AbortSignal,
  onEvent: (data: unknown, name: string) => void,
  names: readonly string[] = ['summary'],
): Promise<'expired' | 'ended'> {
  const res = await fetch(`/api/v1${path}`, {
    headers: { ...headers(false), accept: 'text/event-stream' },
    signal,
  });
  if (!res.ok || !res.body) throw await failure(res);
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let expired = false;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return expired ? 'expired' : 'ended';
    buffer += decoder.decode(value, { stream: true });
    let cut: number;
    while ((cut = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (event === 'expired') expired = true;
      if (event && names.includes(event) && data) onEvent(JSON.parse(data), event);
      if (event === 'error' && data) {
        const p = JSON.parse(data) as { status: number; title: string; detail?: string };
        throw new Problem(p.status, p.title, p.detail);
      }
    }
  }
}

/** Claims of the current token (display only: the gateway verifies it). */
/**
 * A reasoning point's volunteer (and nothing else): the short forms built for a phone, and the
 * handover to the community committee instead of the committee's escalation choices.
 */
export function isVolunteer(): boolean {
  const roles = tokenClaims()?.roles ?? [];
  return roles.length > 0 && roles.every((r) => r === 'VOLUNTEER');
}

export function tokenClaims(): {
  sub?: string;
  name?: string;
  roles?: string[];
  org_unit_code?: string;
  committee_code?: string;
  desk_code?: string;
} | null {
  const token = session.token();
  if (!token) return null;
  try {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(payload), (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return null;
  }
}
