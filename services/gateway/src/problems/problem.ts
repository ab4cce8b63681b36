// The gateway's one error model: RFC 9457 problem details, served as application/problem+json.

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** One problem with one request field (JSON path in the API's camelCase names). */
export interface FieldError {
  field: string;
  description: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  /** The x-request-id of the request, so that users can quote it. */
  requestId?: string;
  /** Per-field errors of a 400. */
  errors?: FieldError[];
}

const TITLES: Record<number, [slug: string, title: string]> = {
  400: ['invalid-request', 'The request is not valid'],
  401: ['unauthenticated', 'Authentication required'],
  403: ['forbidden', 'Not permitted'],
  404: ['not-found', 'Not found'],
  405: ['method-not-allowed', 'Method not allowed'],
  409: ['conflict', 'Conflict with the current state'],
  413: ['too-large', 'Request too large'],
  415: ['unsupported-media-type', 'Unsupported media type'],
  422: ['unprocessable', 'The request cannot be processed'],
  429: ['too-many-requests', 'Too many requests'],
  500: ['internal', 'Internal error'],
  501: ['not-implemented', 'Not implemented yet'],
  503: ['unavailable', 'Service unavailable'],
  504: ['timeout', 'The service did not answer in time'],
};

/** Problem type URIs are stable names, documented in docs/gateway.md. */
export const problemType = (slug: string) => `urn:mediation:problem:${slug}`;

export function problem(
  status: number,
  detail?: string,
  extra: Partial<Problem> & { slug?: string } = {},
): Problem {
  const [slug, title] = TITLES[status] ?? ['error', 'Error'];
  const { slug: customSlug, ...rest } = extra;
  return {
    type: problemType(customSlug ?? slug),
    title,
    status,
    ...(detail ? { detail } : {}),
    ...rest,
  };
}

/** Thrown anywhere in the gateway; the exception filter renders it. */
export class ProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ProblemError';
  }
}

export const badRequest = (errors: FieldError[], detail = 'The request has invalid fields.') =>
  new ProblemError(problem(400, detail, { slug: 'validation', errors }));
export const unauthorized = (detail = 'A valid bearer token is required.') =>
  new ProblemError(problem(401, detail));
export const forbidden = (detail = 'Outside your role or scope.') =>
  new ProblemError(problem(403, detail));
export const notFoundProblem = (detail: string) => new ProblemError(problem(404, detail));
