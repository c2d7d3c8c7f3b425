// The ingress-nginx annotations Podpath simulates, read from one Ingress as the controller's annotation
// parsers read them (internal/ingress/annotations/{rewrite,redirect,serviceupstream}): booleans through
// Go's strconv.ParseBool, a value that does not parse falling back to the default; every location the
// Ingress contributes (its paths, and the `/` of a server it creates) carries the result.
export const ANNOTATION_PREFIX = 'nginx.ingress.kubernetes.io/';

export const SERVICE_UPSTREAM_ANNOTATION = `${ANNOTATION_PREFIX}service-upstream`;
export const SSL_REDIRECT_ANNOTATION = `${ANNOTATION_PREFIX}ssl-redirect`;
export const FORCE_SSL_REDIRECT_ANNOTATION = `${ANNOTATION_PREFIX}force-ssl-redirect`;
export const REWRITE_TARGET_ANNOTATION = `${ANNOTATION_PREFIX}rewrite-target`;
export const USE_REGEX_ANNOTATION = `${ANNOTATION_PREFIX}use-regex`;
export const APP_ROOT_ANNOTATION = `${ANNOTATION_PREFIX}app-root`;
export const PERMANENT_REDIRECT_ANNOTATION = `${ANNOTATION_PREFIX}permanent-redirect`;
export const PERMANENT_REDIRECT_CODE_ANNOTATION = `${ANNOTATION_PREFIX}permanent-redirect-code`;
export const TEMPORAL_REDIRECT_ANNOTATION = `${ANNOTATION_PREFIX}temporal-redirect`;
export const TEMPORAL_REDIRECT_CODE_ANNOTATION = `${ANNOTATION_PREFIX}temporal-redirect-code`;

/** The annotations whose effect the simulation carries out; any other `nginx.ingress.kubernetes.io/` one is warned. */
export const SIMULATED_ANNOTATIONS: ReadonlySet<string> = new Set([
  SERVICE_UPSTREAM_ANNOTATION,
  SSL_REDIRECT_ANNOTATION,
  FORCE_SSL_REDIRECT_ANNOTATION,
  REWRITE_TARGET_ANNOTATION,
  USE_REGEX_ANNOTATION,
  APP_ROOT_ANNOTATION,
  PERMANENT_REDIRECT_ANNOTATION,
  PERMANENT_REDIRECT_CODE_ANNOTATION,
  TEMPORAL_REDIRECT_ANNOTATION,
  TEMPORAL_REDIRECT_CODE_ANNOTATION,
]);

/** What a location does because of its Ingress's annotations. */
export interface LocationAnnotations {
  readonly serviceUpstream: boolean;
  readonly sslRedirect: boolean;
  readonly forceSslRedirect: boolean;
  /** rewrite-target as written ('' when absent): `rewrite "(?i)<path>" <target> break;`. */
  readonly rewriteTarget: string;
  readonly useRegex: boolean;
  /** app-root: `/` on the server is answered with a 302 to it ('' when absent or invalid). */
  readonly appRoot: string;
  /** temporal-redirect or permanent-redirect: `return <code> <url>;` in the location. */
  readonly redirect: {
    readonly url: string;
    readonly code: number;
    readonly annotation: 'temporal-redirect' | 'permanent-redirect';
  } | null;
}

/** One annotation the controller refuses, and why (for a warning on its line). */
export interface AnnotationProblem {
  readonly key: string;
  readonly message: string;
}

export const NO_ANNOTATIONS: LocationAnnotations = {
  serviceUpstream: false,
  sslRedirect: true,
  forceSslRedirect: false,
  rewriteTarget: '',
  useRegex: false,
  appRoot: '',
  redirect: null,
};

/** Go's strconv.ParseBool; null when the text is not one of its spellings. */
export function parseGoBool(text: string): boolean | null {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(text)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(text)) return false;
  return null;
}

function bool(annotations: Readonly<Record<string, string>>, key: string, fallback: boolean): boolean {
  const v = annotations[key];
  return v === undefined ? fallback : (parseGoBool(v) ?? fallback);
}

/** Go's strconv.Atoi on an annotation, null when absent or not a number. */
function int(annotations: Readonly<Record<string, string>>, key: string): number | null {
  const v = annotations[key];
  return v !== undefined && /^[+-]?\d+$/.test(v) ? Number(v) : null;
}

/** redirect.go isValidURL: url.Parse, and a scheme that starts with "http". */
function redirectUrlProblem(url: string): string | null {
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(url)?.[1]?.toLowerCase() ?? '';
  return scheme.startsWith('http') ? null : `only http and https are valid protocols (${scheme})`;
}

/** rewrite/main.go: app-root must parse as a request URI (an absolute path) and must not be an absolute URL. */
function appRootProblem(appRoot: string): string | null {
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(appRoot)) return `only allows absolute paths (${appRoot})`;
  if (!appRoot.startsWith('/'))
    return `contains an invalid value: parse "${appRoot}": invalid URI for request`;
  return null;
}

/** The status of a redirect code annotation: a 3xx from 300 to 308, else the default. */
function redirectCode(code: number | null, fallback: number): number {
  return code === null || code < 300 || code > 308 ? fallback : code;
}

export function readLocationAnnotations(
  annotations: Readonly<Record<string, string>>,
  problems: AnnotationProblem[] = [],
): LocationAnnotations {
  let appRoot = annotations[APP_ROOT_ANNOTATION] ?? '';
  if (appRoot !== '') {
    const problem = appRootProblem(appRoot);
    if (problem !== null) {
      problems.push({ key: APP_ROOT_ANNOTATION, message: `app-root ${problem}: ingress-nginx ignores it` });
      appRoot = '';
    }
  }
  // redirect.go: temporal-redirect is read first and wins over permanent-redirect.
  let redirect: LocationAnnotations['redirect'] = null;
  const temporal = annotations[TEMPORAL_REDIRECT_ANNOTATION] ?? '';
  const permanent = annotations[PERMANENT_REDIRECT_ANNOTATION] ?? '';
  for (const [key, url, code] of [
    [
      TEMPORAL_REDIRECT_ANNOTATION,
      temporal,
      redirectCode(int(annotations, TEMPORAL_REDIRECT_CODE_ANNOTATION), 302),
    ],
    [
      PERMANENT_REDIRECT_ANNOTATION,
      permanent,
      redirectCode(int(annotations, PERMANENT_REDIRECT_CODE_ANNOTATION), 301),
    ],
  ] as const) {
    if (url === '' || redirect !== null) continue;
    const problem = redirectUrlProblem(url);
    if (problem === null)
      redirect = {
        url,
        code,
        annotation: key === TEMPORAL_REDIRECT_ANNOTATION ? 'temporal-redirect' : 'permanent-redirect',
      };
    else
      problems.push({
        key,
        message: `${problem}: ingress-nginx refuses the annotation and does not redirect`,
      });
  }
  if (temporal !== '' && permanent !== '' && redirect?.url === temporal)
    problems.push({
      key: PERMANENT_REDIRECT_ANNOTATION,
      message: 'temporal-redirect is set too and wins (ingress-nginx reads it first): no permanent redirect',
    });
  return {
    serviceUpstream: bool(annotations, SERVICE_UPSTREAM_ANNOTATION, false),
    sslRedirect: bool(annotations, SSL_REDIRECT_ANNOTATION, true),
    forceSslRedirect: bool(annotations, FORCE_SSL_REDIRECT_ANNOTATION, false),
    rewriteTarget: annotations[REWRITE_TARGET_ANNOTATION] ?? '',
    useRegex: bool(annotations, USE_REGEX_ANNOTATION, false),
    appRoot,
    redirect,
  };
}
