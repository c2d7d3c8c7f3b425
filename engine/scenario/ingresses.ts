// networking.k8s.io/v1 Ingress objects, checked one at a time with the API server's own messages
// (pkg/apis/networking/validation ValidateIngress): rules or a defaultBackend, hosts that are DNS names
// (a `*.` wildcard only as the whole first label), paths that are absolute, a required pathType, and a
// backend that is a Service port or a resource, never both. Which controller serves an Ingress, and
// whether its Service exists, is decided later (ingress-nginx-addon.ts), once every object is read.
import { parseIpv4 } from '../net/ipv4';
import type { IngressBackend, IngressPath, IngressPathType, IngressRule, SourceRef } from '../model/scenario';
import type { Place } from './diagnostics';
import { readMetadata } from './metadata';
import { dns1035LabelError, dns1123SubdomainError, invalidValue, portNameError } from './names';
import type { ObjectFields } from './object-fields';

export const PATH_TYPES: readonly IngressPathType[] = ['Exact', 'ImplementationSpecific', 'Prefix'];
/** The deprecated annotation that named a class before `spec.ingressClassName` (still read by ingress-nginx). */
export const LEGACY_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

/** Where each backend's Service is named, for warnings about a missing Service or port. */
export interface BackendRef {
  readonly backend: IngressBackend & { readonly kind: 'service' };
  readonly place: Place;
  readonly portPlace: Place;
}

/** Where a path of a rule is written, for warnings about how ingress-nginx reads it. */
export interface PathRef {
  readonly path: string;
  readonly pathType: IngressPathType;
  readonly place: Place;
}

export interface IngressInput {
  readonly namespace: string;
  readonly name: string;
  readonly ingressClassName: string | null;
  readonly annotations: Readonly<Record<string, string>>;
  readonly defaultBackend: IngressBackend | null;
  readonly tls: { readonly hosts: readonly string[]; readonly secretName: string | null }[];
  readonly rules: IngressRule[];
  readonly loadBalancerIPs: number[];
  readonly backends: BackendRef[];
  readonly paths: PathRef[];
  /** Where an annotation is written (its key's line), for warnings about it. */
  readonly annotationPlace: (key: string) => Place;
  readonly place: Place;
  readonly classPlace: Place;
  readonly source: SourceRef;
}

const WILDCARD_SUBDOMAIN = /^\*\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** IsWildcardDNS1123Subdomain's message. */
function wildcardError(host: string): string | null {
  if (host.length > 253) return 'must be no more than 253 characters';
  if (WILDCARD_SUBDOMAIN.test(host)) return null;
  return "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
}

/** A rule or TLS host: a DNS name, never an IP; `*` only as a whole first label. */
export function ingressHostError(host: string): string | null {
  if (parseIpv4(host) !== null || host.includes(':')) return 'must be a DNS name, not an IP address';
  return host.includes('*') ? wildcardError(host) : dns1123SubdomainError(host);
}

const INVALID_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const INVALID_SUFFIXES = ['/..', '/.'];

/** validateHTTPIngressPath: Exact and Prefix paths are absolute and clean; ImplementationSpecific only absolute. */
function pathError(path: string, pathType: IngressPathType): string | null {
  if (pathType === 'ImplementationSpecific')
    return path !== '' && !path.startsWith('/') ? 'must be an absolute path' : null;
  if (!path.startsWith('/')) return 'must be an absolute path';
  for (const seq of INVALID_SEQUENCES) if (path.includes(seq)) return `must not contain '${seq}'`;
  for (const suffix of INVALID_SUFFIXES) if (path.endsWith(suffix)) return `cannot end with '${suffix}'`;
  return null;
}

function readBackend(fields: ObjectFields, refs: BackendRef[]): IngressBackend | null {
  const hasService = fields.has('service');
  const hasResource = fields.has('resource');
  if (hasService && hasResource) {
    fields.error(undefined, 'Invalid value: "": cannot set both resource and service backends');
    return null;
  }
  if (!hasService && !hasResource) {
    fields.error(
      undefined,
      'Required value: one of `backend.service` or `backend.resource` must be specified',
    );
    return null;
  }
  if (hasResource) {
    const r = fields.map('resource');
    const kind = r.string('kind');
    const name = r.string('name');
    if (!kind) r.error('kind', 'Required value');
    if (!name) r.error('name', 'Required value');
    if (!kind || !name) return null;
    return { kind: 'resource', apiGroup: r.string('apiGroup'), resourceKind: kind, name };
  }
  const service = fields.map('service');
  const name = service.string('name');
  let ok = true;
  if (name === null || name === '') {
    service.error('name', 'Required value');
    ok = false;
  } else {
    const reason = dns1035LabelError(name);
    if (reason !== null) {
      service.error('name', invalidValue(name, reason));
      ok = false;
    }
  }
  const port = service.map('port');
  const number = port.int('number', 0, 65535);
  const portName = port.string('name');
  let value: number | string | null = null;
  if (number !== null && number !== 0 && portName !== null && portName !== '') {
    service.error('port', 'Invalid value: cannot set both port name & port number');
  } else if (portName !== null && portName !== '') {
    const reason = portNameError(portName);
    if (reason !== null) port.error('name', invalidValue(portName, reason));
    else value = portName;
  } else if (number !== null && number !== 0) {
    value = number;
  } else if (number === 0) {
    port.error('number', invalidValue(0, 'must be between 1 and 65535, inclusive'));
  } else {
    service.error('port', 'Required value: port name or number is required');
  }
  if (!ok || value === null || name === null) return null;
  const backend = { kind: 'service' as const, service: name, port: value };
  refs.push({ backend, place: service.place('name'), portPlace: service.place('port') });
  return backend;
}

function readHost(fields: ObjectFields, host: string, place: Place): boolean {
  const reason = ingressHostError(host);
  if (reason !== null) fields.ctx.diags.error(place, invalidValue(host, reason));
  return reason === null;
}

function readRules(spec: ObjectFields, refs: BackendRef[], pathRefs: PathRef[]): IngressRule[] {
  const rules: IngressRule[] = [];
  for (const rule of spec.mapList('rules')) {
    const hostText = rule.string('host');
    const host = hostText === null || hostText === '' ? null : hostText;
    if (host !== null && !readHost(rule, host, rule.place('host'))) continue;
    const paths: IngressPath[] = [];
    if (rule.has('http')) {
      const http = rule.map('http');
      const items = http.mapList('paths');
      if (items.length === 0 && !http.has('paths')) http.error('paths', 'Required value');
      for (const item of items) {
        const path = item.string('path') ?? '';
        let pathType: IngressPathType | null = null;
        if (!item.has('pathType')) item.error('pathType', 'Required value: pathType must be specified');
        else {
          const text = item.string('pathType');
          if (text !== null && (PATH_TYPES as readonly string[]).includes(text))
            pathType = text as IngressPathType;
          else if (text !== null)
            item.error(
              'pathType',
              `Unsupported value: ${JSON.stringify(text)}: supported values: ${PATH_TYPES.map((t) => JSON.stringify(t)).join(', ')}`,
            );
        }
        if (pathType !== null) {
          const reason = pathError(path, pathType);
          if (reason !== null) {
            item.error('path', invalidValue(path, reason));
            pathType = null;
          }
        }
        const backend = item.has('backend') ? readBackend(item.map('backend'), refs) : null;
        if (!item.has('backend')) item.error('backend', 'Required value');
        if (pathType !== null && backend !== null) {
          paths.push({ path, pathType, backend });
          pathRefs.push({ path, pathType, place: item.place('path') });
        }
      }
    }
    rules.push({ host, paths });
  }
  return rules;
}

export function readIngress(object: ObjectFields): IngressInput | null {
  const meta = readMetadata(object, { namespaced: true, nameError: dns1123SubdomainError });
  const spec = object.map('spec');
  const backends: BackendRef[] = [];
  const className = spec.string('ingressClassName');
  if (className !== null) {
    const reason = dns1123SubdomainError(className);
    if (reason !== null) spec.error('ingressClassName', invalidValue(className, reason));
  }
  const annotations = meta?.annotations ?? {};
  const legacy = annotations[LEGACY_CLASS_ANNOTATION];
  // ValidateIngressCreate: the old annotation and the field may both be set only when they agree.
  if (legacy !== undefined && legacy !== '' && className !== null && legacy !== className) {
    meta!.metadata
      .map('annotations')
      .error(
        LEGACY_CLASS_ANNOTATION,
        invalidValue(legacy, 'must match `ingressClassName` when both are specified'),
      );
  }
  const defaultBackend = spec.has('defaultBackend')
    ? readBackend(spec.map('defaultBackend'), backends)
    : null;
  const pathRefs: PathRef[] = [];
  const rules = readRules(spec, backends, pathRefs);
  if (!spec.has('defaultBackend') && !spec.has('rules')) {
    spec.error(undefined, 'Invalid value: "null": either `defaultBackend` or `rules` must be specified');
  }
  const tls = spec.mapList('tls').map((t) => {
    const hosts = t
      .stringList('hosts')
      .filter((h) => readHost(t, h.value, h.place))
      .map((h) => h.value);
    const secretName = t.string('secretName');
    if (secretName !== null && secretName !== '') {
      const reason = dns1123SubdomainError(secretName);
      if (reason !== null) t.error('secretName', invalidValue(secretName, reason));
    }
    return { hosts, secretName: secretName === '' ? null : secretName };
  });
  const loadBalancerIPs: number[] = [];
  for (const ingress of object.map('status').map('loadBalancer').mapList('ingress')) {
    const ip = ingress.string('ip');
    if (ip === null || ip === '') continue;
    const parsed = parseIpv4(ip);
    if (parsed === null) ingress.error('ip', invalidValue(ip, 'must be a valid IP address'));
    else loadBalancerIPs.push(parsed);
  }
  if (meta === null) return null;
  return {
    namespace: meta.namespace,
    name: meta.name,
    ingressClassName: className === '' ? null : className,
    annotations,
    defaultBackend,
    tls,
    rules,
    loadBalancerIPs,
    backends,
    paths: pathRefs,
    annotationPlace: (key) => meta.metadata.map('annotations').place(key),
    place: meta.metadata.place('name'),
    classPlace: spec.place('ingressClassName'),
    source: meta.source,
  };
}
