// Ingresses, their IngressClasses and the ingress-nginx controller that serves them, resolved together:
// the controller's arguments (when the file installs it) decide which classes it owns and whether an
// Ingress without a class is served, so they are read first. The addon (installed after kubeadm's, so
// after CoreDNS) brings its IngressClass when the file has none for this controller.
import type { IngressClassSpec, IngressControllerArgs, IngressSpec } from '../model/scenario';
import type { Diagnostics, Place } from './diagnostics';
import {
  admissionDefaultClass,
  INGRESS_NGINX_CONTROLLER,
  INGRESS_NGINX_NAMESPACE,
  nginxIngressClass,
  readIngressClass,
  resolveIngresses,
  type IngressClassInput,
} from './ingress-nginx-addon';
import {
  DEFAULT_CONTROLLER_ARGS,
  findControllerWorkload,
  readControllerArgs,
} from './ingress-nginx-controller';
import { readIngress, type IngressInput } from './ingresses';
import type { SourceObject } from './source-objects';
import { holdsAddon } from './workload-objects';
import type { WorkloadInput } from './workloads';

export interface IngressResolution {
  readonly inputs: IngressInput[];
  readonly ingresses: IngressSpec[];
  readonly classes: IngressClassSpec[];
  /** Whether any Ingress exists, and so the controller with it. */
  readonly addon: boolean;
  /** The file runs the controller itself (its Deployment, DaemonSet or running pods): none is added. */
  readonly ownsController: boolean;
  readonly controller: {
    readonly namespace: string;
    readonly deployment: string;
    readonly service: string;
    readonly args: IngressControllerArgs;
  };
}

type Claim = (seen: Map<string, Place>, key: string, what: string, place: Place) => boolean;

export function resolveIngressSetup(
  classObjects: readonly SourceObject[],
  ingressObjects: readonly SourceObject[],
  workloadObjects: readonly SourceObject[],
  workloads: readonly WorkloadInput[],
  claim: Claim,
  diags: Diagnostics,
): IngressResolution {
  const classInputs: IngressClassInput[] = [];
  const classNames = new Map<string, Place>();
  for (const o of classObjects) {
    const c = readIngressClass(o.fields);
    if (c !== null && claim(classNames, c.name, 'IngressClass', c.place)) classInputs.push(c);
  }
  const inputs: IngressInput[] = [];
  const ingressNames = new Map<string, Place>();
  for (const o of ingressObjects) {
    const i = readIngress(o.fields);
    if (i !== null && claim(ingressNames, `${i.namespace}/${i.name}`, 'Ingress', i.place)) inputs.push(i);
  }
  const addon = inputs.length > 0;
  const workload = findControllerWorkload(workloadObjects);
  // The cloud and bare-metal manifests run the controller with
  // --publish-service=$(POD_NAMESPACE)/ingress-nginx-controller; the flag's own default is none.
  const args =
    workload && addon
      ? readControllerArgs(workload, diags)
      : {
          ...DEFAULT_CONTROLLER_ARGS,
          publishService: `${INGRESS_NGINX_NAMESPACE}/${INGRESS_NGINX_CONTROLLER}`,
        };
  const classes =
    addon && !classInputs.some((c) => c.controller === args.controllerClass || c.name === args.ingressClass)
      ? [...classInputs, nginxIngressClass(args)]
      : classInputs;
  const ingresses = resolveIngresses(inputs, classes, admissionDefaultClass(classInputs, diags), diags, args);
  // A dump holds the controller's running pods rather than (or as well as) its Deployment.
  const ownsController =
    workload !== null ||
    holdsAddon(workloads, INGRESS_NGINX_NAMESPACE, INGRESS_NGINX_CONTROLLER, [
      'app.kubernetes.io/component',
      'controller',
    ]);
  return {
    inputs,
    ingresses,
    classes: classes.map(({ name, controller, isDefault, source }) => ({
      name,
      controller,
      isDefault,
      source,
    })),
    addon,
    ownsController,
    controller: {
      namespace: workload?.namespace ?? INGRESS_NGINX_NAMESPACE,
      deployment: workload?.name ?? INGRESS_NGINX_CONTROLLER,
      service: INGRESS_NGINX_CONTROLLER,
      args: {
        ...args,
        defaultBackendService: args.defaultBackendService && {
          namespace: args.defaultBackendService.namespace,
          name: args.defaultBackendService.name,
        },
      },
    },
  };
}
