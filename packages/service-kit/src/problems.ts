/**
 * RFC 9457 problem details. Every error any API answers is one of these, so clients parse one
 * shape; the `type` URIs are defined here once and nowhere else.
 */
export const problemTypeBase = 'https://api.example.com/problems/';

export const problemTypes = {
  badRequest: `${problemTypeBase}bad-request`,
  validation: `${problemTypeBase}validation-failed`,
  unauthorized: `${problemTypeBase}unauthorized`,
  invalidToken: `${problemTypeBase}invalid-token`,
  invalidRequest: `${problemTypeBase}invalid-request`,
  insufficientScope: `${problemTypeBase}insufficient-scope`,
  forbidden: `${problemTypeBase}forbidden`,
  notFound: `${problemTypeBase}not-found`,
  methodNotAllowed: `${problemTypeBase}method-not-allowed`,
  conflict: `${problemTypeBase}conflict`,
  payloadTooLarge: `${problemTypeBase}payload-too-large`,
  unsupportedMediaType: `${problemTypeBase}unsupported-media-type`,
  unprocessable: `${problemTypeBase}unprocessable-entity`,
  tooManyRequests: `${problemTypeBase}too-many-requests`,
  unavailable: `${problemTypeBase}service-unavailable`,
  /** Another API this one called (or the IdP it asked for a token) failed or did not answer. */
  upstream: `${problemTypeBase}upstream-failed`,
  internal: `${problemTypeBase}internal-error`,
} as const;

export type ProblemType = (typeof problemTypes)[keyof typeof problemTypes];

export const problemContentType = 'application/problem+json';

export interface FieldError {
  readonly path: string;
  readonly message: string;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
}

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export function titleOf(status: number): string {
  return titles[status] ?? (status >= 500 ? 'Server Error' : 'Client Error');
}

/**
 * An error a handler throws on purpose: the error handler turns it into problem+json with its
 * status and headers. Anything else thrown becomes a 500 without details.
 */
export class HttpProblem extends Error {
  readonly status: number;
  readonly type: ProblemType;
  readonly headers: Readonly<Record<string, string>>;
  readonly errors: readonly FieldError[] | undefined;

  constructor(
    status: number,
    type: ProblemType,
    detail: string,
    options: { headers?: Record<string, string>; errors?: readonly FieldError[] } = {},
  ) {
    super(detail);
    this.name = 'HttpProblem';
    this.status = status;
    this.type = type;
    this.headers = options.headers ?? {};
    this.errors = options.errors;
  }
}

export const problems = {
  badRequest: (detail: string, errors?: readonly FieldError[]) =>
    new HttpProblem(400, errors ? problemTypes.validation : problemTypes.badRequest, detail, {
      errors,
    }),
  notFound: (detail = 'No such resource.') => new HttpProblem(404, problemTypes.notFound, detail),
  conflict: (detail: string) => new HttpProblem(409, problemTypes.conflict, detail),
  unprocessable: (detail: string) => new HttpProblem(422, problemTypes.unprocessable, detail),
  unavailable: (detail: string) => new HttpProblem(503, problemTypes.unavailable, detail),
} as const;
