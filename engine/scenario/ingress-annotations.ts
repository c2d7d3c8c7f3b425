// What ingress-nginx makes of a served Ingress's annotations and regex paths, said on the line that causes
// it: an `nginx.ingress.kubernetes.io/` annotation Podpath does not carry out (the trace would silently
// differ from the cluster), a value the controller's parser refuses, a path that is not a valid regular
// expression once the host uses regex, and a regex in a Prefix or Exact path, which the admission webhook
// refuses with strict-validate-path-type (pkg/util/ingress validation; the docs' FAQ "Validation of path").
import {
  ANNOTATION_PREFIX,
  SIMULATED_ANNOTATIONS,
  readLocationAnnotations,
  type AnnotationProblem,
} from '../ingress/annotations';
import { compileNginxRegex } from '../ingress/nginx-regex';
import type { Diagnostics } from './diagnostics';
import type { IngressInput } from './ingresses';

/** The characters strict-validate-path-type allows in Exact and Prefix paths (pathAlphaNumericRegex). */
const STRICT_PATH = /^\/[A-Za-z0-9/_-]*$/;

export function warnIngressAnnotations(input: IngressInput, diags: Diagnostics): void {
  for (const key of Object.keys(input.annotations)) {
    if (!key.startsWith(ANNOTATION_PREFIX) || SIMULATED_ANNOTATIONS.has(key)) continue;
    diags.warning(
      input.annotationPlace(key),
      `annotation ${key} is not simulated: Podpath routes this Ingress as if it were absent`,
    );
  }
  const problems: AnnotationProblem[] = [];
  const a = readLocationAnnotations(input.annotations, problems);
  for (const p of problems) diags.warning(input.annotationPlace(p.key), `annotation ${p.key}: ${p.message}`);
  const regex = a.useRegex || a.rewriteTarget !== '';
  for (const p of input.paths) {
    if (p.pathType !== 'ImplementationSpecific' && p.path !== '' && !STRICT_PATH.test(p.path)) {
      diags.warning(
        p.place,
        `path ${p.path} cannot be used with pathType ${p.pathType}: with strict-validate-path-type (on by default since ingress-nginx v1.12) the admission webhook refuses this Ingress; a regular expression needs pathType ImplementationSpecific`,
      );
      continue;
    }
    if (!regex) continue;
    const re = compileNginxRegex(`^${p.path}`, true);
    if (typeof re === 'string')
      diags.warning(
        p.place,
        `with use-regex or rewrite-target this path becomes location ~* "^${p.path}", and ${re}: nginx -t fails, so the admission webhook refuses the Ingress (Podpath leaves the path out)`,
      );
  }
}
