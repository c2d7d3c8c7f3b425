// The ingress-nginx controller as its official manifest installs it (deploy/static/provider/{cloud,
// baremetal}/deploy.yaml), added when the scenario holds an Ingress: namespace `ingress-nginx`, the
// Deployment `ingress-nginx-controller` (one replica, container ports http 80, https 443, webhook 8443,
// `--controller-class=k8s.io/ingress-nginx --ingress-class=nginx`), the Service of the same name
// (LoadBalancer when an Ingress's status publishes an address, else NodePort as on bare metal), and the
// IngressClass `nginx`. A file that writes any of these objects keeps its own, as with CoreDNS.
import type { ContainerPort, IngressClassSpec, IngressSpec } from '../model/scenario';
import type { DeploymentInput } from './deployments';
import type { Diagnostics, Place } from './diagnostics';
import { warnIngressAnnotations } from './ingress-annotations';
import { DEFAULT_CONTROLLER_ARGS, type ControllerArgs } from './ingress-nginx-controller';
import { LEGACY_CLASS_ANNOTATION, type IngressInput } from './ingresses';
import { readMetadata } from './metadata';
import { dns1123SubdomainError } from './names';
import type { ObjectFields } from './object-fields';
import { addonDeployment, SYNTHESISED_SOURCE } from './addon-deployment';
import type { ServiceInput } from './services';
import { synthesisedPort, synthesisedService } from './synthesised-service';

export const INGRESS_NGINX_NAMESPACE = 'ingress-nginx';
export const INGRESS_NGINX_CONTROLLER = 'ingress-nginx-controller';
/** `--controller-class`: the IngressClasses (spec.controller) this controller serves. */
export const INGRESS_NGINX_CONTROLLER_CLASS = 'k8s.io/ingress-nginx';
/** `--ingress-class`: the IngressClass name, and the legacy annotation value it still accepts. */
export const INGRESS_NGINX_CLASS = 'nginx';
export const DEFAULT_CLASS_ANNOTATION = 'ingressclass.kubernetes.io/is-default-class';

const CONTROLLER_LABELS = {
  'app.kubernetes.io/component': 'controller',
  'app.kubernetes.io/instance': 'ingress-nginx',
  'app.kubernetes.io/name': 'ingress-nginx',
} as const;

export interface IngressClassInput extends IngressClassSpec {
  readonly place: Place;
}

export function readIngressClass(object: ObjectFields): IngressClassInput | null {
  const meta = readMetadata(object, { namespaced: false, nameError: dns1123SubdomainError });
  const spec = object.map('spec');
  const controller = spec.string('controller');
  // IsDomainPrefixedPath: `example.com/name`.
  if (controller === null || controller === '') spec.error('controller', 'Required value');
  else if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?\/\S+$/.test(controller))
    spec.error(
      'controller',
      `Invalid value: ${JSON.stringify(controller)}: must be a domain-prefixed path (such as "acme.io/foo")`,
    );
  if (meta === null || !controller) return null;
  return {
    name: meta.name,
    controller,
    isDefault: meta.annotations[DEFAULT_CLASS_ANNOTATION] === 'true',
    source: meta.source,
    place: meta.metadata.place('name'),
  };
}

/** The manifest's IngressClass `nginx` (not marked default: people annotate it themselves). */
export function nginxIngressClass(args: ControllerArgs = DEFAULT_CONTROLLER_ARGS): IngressClassSpec {
  return {
    name: args.ingressClass || INGRESS_NGINX_CLASS,
    controller: args.controllerClass || INGRESS_NGINX_CONTROLLER_CLASS,
    isDefault: false,
    source: SYNTHESISED_SOURCE,
  };
}

/**
 * The DefaultIngressClass admission plugin fills in `ingressClassName` of an Ingress created without one.
 * With several default classes it picks the newest (older API servers refused the Ingress instead).
 */
export function admissionDefaultClass(
  classes: readonly IngressClassInput[],
  diags: Diagnostics,
): IngressClassInput | null {
  const defaults = classes.filter((c) => c.isDefault);
  const newest = defaults[defaults.length - 1] ?? null;
  if (defaults.length > 1 && newest) {
    diags.warning(
      newest.place,
      `${defaults.length} default IngressClasses were found (${defaults.map((c) => c.name).join(', ')}): the DefaultIngressClass admission plugin gives Ingresses without a class the newest, "${newest.name}" (older API servers refuse them: "${defaults.length} default IngressClasses were found, only 1 allowed")`,
    );
  }
  return newest;
}

/**
 * Whether ingress-nginx serves an Ingress (store.go, IsValid): its class names an IngressClass whose
 * controller is --controller-class (or, with --ingress-class-by-name, is --ingress-class itself), or the
 * legacy annotation says --ingress-class. Without either it is ignored unless the controller runs with
 * --watch-ingress-without-class (the official manifests leave it unset; kind's sets it true).
 */
export function resolveIngresses(
  inputs: readonly IngressInput[],
  classes: readonly IngressClassSpec[],
  defaultClass: IngressClassSpec | null,
  diags: Diagnostics,
  args: ControllerArgs = DEFAULT_CONTROLLER_ARGS,
): IngressSpec[] {
  return inputs.map((i): IngressSpec => {
    const legacy = i.annotations[LEGACY_CLASS_ANNOTATION];
    const className = i.ingressClassName ?? (legacy ? null : (defaultClass?.name ?? null));
    let served = false;
    if (className !== null) {
      const cls = classes.find((c) => c.name === className);
      if (args.ingressClassByName && className === args.ingressClass) served = true;
      else if (!cls)
        diags.warning(
          i.classPlace,
          `IngressClass "${className}" not found: no controller serves this Ingress`,
        );
      else if (cls.controller !== args.controllerClass)
        diags.warning(
          i.classPlace,
          `IngressClass "${className}" belongs to controller ${cls.controller}, which is not simulated (ingress-nginx runs with --controller-class=${args.controllerClass}): this Ingress is ignored`,
        );
      else served = true;
    } else if (legacy !== undefined && legacy !== '') {
      served = legacy === args.ingressClass;
      if (!served)
        diags.warning(
          i.place,
          `annotation ${LEGACY_CLASS_ANNOTATION}: "${legacy}" names another controller: ingress-nginx (--ingress-class=${args.ingressClass}) ignores this Ingress`,
        );
    } else if (args.watchIngressWithoutClass) {
      served = true;
    } else {
      diags.warning(
        i.place,
        `no ingressClassName and no default IngressClass: ingress-nginx ignores this Ingress (set spec.ingressClassName: ${args.ingressClass}, annotate the IngressClass ingressclass.kubernetes.io/is-default-class: "true", or run the controller with --watch-ingress-without-class=true)`,
      );
    }
    if (served) warnIngressAnnotations(i, diags);
    return {
      namespace: i.namespace,
      name: i.name,
      className,
      annotations: i.annotations,
      defaultBackend: i.defaultBackend,
      tls: i.tls,
      rules: i.rules,
      served,
      loadBalancerIPs: i.loadBalancerIPs,
      source: i.source,
    };
  });
}

const CONTROLLER_PORTS: readonly ContainerPort[] = [
  { name: 'http', containerPort: 80, protocol: 'TCP' },
  { name: 'https', containerPort: 443, protocol: 'TCP' },
  { name: 'webhook', containerPort: 8443, protocol: 'TCP' },
];

export function ingressNginxDeployment(): DeploymentInput {
  return addonDeployment({
    namespace: INGRESS_NGINX_NAMESPACE,
    name: INGRESS_NGINX_CONTROLLER,
    replicas: 1,
    labels: CONTROLLER_LABELS,
    ports: CONTROLLER_PORTS,
    dnsPolicy: 'ClusterFirst',
    addon: 'ingress-nginx/controller',
  });
}

/**
 * The controller's Service: the cloud manifest's LoadBalancer when an address is published, else the
 * bare-metal manifest's NodePort. The cloud manifest sets externalTrafficPolicy: Local; Podpath keeps
 * Cluster because its underlay announces a LoadBalancer IP from the first node whether or not the
 * controller runs there (a MetalLB speaker would announce from the controller's node instead).
 */
export function ingressNginxService(loadBalancerIPs: readonly number[]): ServiceInput {
  const port = (name: string, number: number) => synthesisedPort(name, 'TCP', number, name);
  return synthesisedService({
    namespace: INGRESS_NGINX_NAMESPACE,
    name: INGRESS_NGINX_CONTROLLER,
    type: loadBalancerIPs.length > 0 ? 'LoadBalancer' : 'NodePort',
    clusterIP: { kind: 'allocate' },
    ports: [port('http', 80), port('https', 443)],
    selector: CONTROLLER_LABELS,
    loadBalancerIPs,
  });
}

/** The address the served Ingresses publish (`--publish-service`): the first one given; others must agree. */
export function publishedAddress(
  inputs: readonly IngressInput[],
  served: readonly IngressSpec[],
  diags: Diagnostics,
): number[] {
  let first: number[] | null = null;
  inputs.forEach((input, i) => {
    if (!served[i]?.served || input.loadBalancerIPs.length === 0) return;
    if (first === null) first = input.loadBalancerIPs;
    else if (input.loadBalancerIPs.join() !== first.join())
      diags.warning(
        input.place,
        "status.loadBalancer.ingress differs from an older Ingress: ingress-nginx publishes one address (its Service's) on every Ingress it serves; the first one is used",
      );
  });
  return first ?? [];
}

/**
 * The API server accepts an Ingress whose Service or port does not exist; ingress-nginx then has an
 * upstream without endpoints and answers 503. Said here, where the user can fix it.
 */
export function warnIngressBackends(
  inputs: readonly IngressInput[],
  served: readonly IngressSpec[],
  services: readonly ServiceInput[],
  diags: Diagnostics,
): void {
  inputs.forEach((input, i) => {
    if (!served[i]?.served) return;
    for (const ref of input.backends) {
      const svc = services.find((s) => s.namespace === input.namespace && s.name === ref.backend.service);
      if (!svc) {
        diags.warning(
          ref.place,
          `Service "${input.namespace}/${ref.backend.service}" not found: ingress-nginx answers 503 for requests routed here`,
        );
        continue;
      }
      const port = ref.backend.port;
      const found =
        typeof port === 'number'
          ? svc.ports.some((p) => p.port === port)
          : svc.ports.some((p) => p.name === port);
      if (!found)
        diags.warning(
          ref.portPlace,
          `Service "${svc.namespace}/${svc.name}" has no port ${typeof port === 'number' ? port : JSON.stringify(port)} (ports: ${svc.ports.map((p) => p.name ?? p.port).join(', ')}): ingress-nginx answers 503 for requests routed here`,
        );
      else if (svc.type === 'ExternalName')
        diags.warning(
          ref.place,
          `Service "${svc.namespace}/${svc.name}" is ExternalName: ingress-nginx would proxy to ${svc.externalName ?? ''}, which is not simulated`,
        );
    }
  });
}
