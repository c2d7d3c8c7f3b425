// The scenario file → the cluster model. Reads every object, then resolves in dependency order: cluster
// configuration first (wherever it sits in the file), then nodes, pods, Services, slices and flows.
// Problems come back as diagnostics, never as exceptions; any error means no scenario.
import type { Diagnostic, EndpointSliceSpec, FlowSpec, NodeSpec, Scenario } from '../model/scenario';
import {
  DEFAULT_NETWORKING,
  DEFAULT_PLACES,
  networkingPlaces,
  readClusterConfiguration,
} from './cluster-configuration';
import { allocateClusterServices } from './cluster-services';
import { configMapRole, embeddedConfiguration } from './config-maps';
import { Diagnostics, WHOLE_FILE, type Place } from './diagnostics';
import {
  clusterDnsFits,
  clusterDnsIP,
  COREDNS_NAME,
  COREDNS_NAMESPACE,
  corednsDeployment,
  KUBE_DNS_LABEL,
  KUBE_DNS_SERVICE,
  kubeDnsService,
  readCorefile,
  readSkipsCoreDns,
} from './coredns-addon';
import { readEndpointSlice, type EndpointSliceInput } from './endpoint-slices';
import { withinCostBudget } from './cost-budget';
import { controllerWritten } from './endpoint-slice-controller';
import { MIRRORING_CONTROLLER, mirrorEndpoints, readEndpoints } from './endpoints-mirroring';
import { DEFAULT_FLANNEL, readFlannelConfigMap, resolveFlannel } from './flannel-configuration';
import { readFlow } from './flows';
import {
  INGRESS_NGINX_CONTROLLER,
  INGRESS_NGINX_NAMESPACE,
  ingressNginxDeployment,
  ingressNginxService,
  publishedAddress,
  warnIngressBackends,
} from './ingress-nginx-addon';
import { resolveIngressSetup } from './ingress-setup';
import { DEFAULT_KUBE_PROXY, readKubeProxyConfiguration, resolveKubeProxy } from './kube-proxy-configuration';
import {
  apiServerEndpointSlice,
  KUBERNETES_NAMESPACE,
  KUBERNETES_SERVICE,
  kubernetesService,
} from './kubernetes-service';
import { sourceRefOf } from './metadata';
import { assignPodCIDRs } from './node-cidrs';
import { defaultNodes, readNode, type NodeInput } from './nodes';
import { podSelectorIndex } from './pod-selector-index';
import { readService, type ServiceInput } from './services';
import { simulatedComponentNote } from './simulated-components';
import { readSourceObjects, type SourceObject } from './source-objects';
import { assignInternalIPs } from './underlay';
import { inferNetworking } from './subnet-inference';
import { warnUnservedPorts } from './unserved-ports';
import { buildPods } from './workloads';
import { holdsAddon, readWorkloads, warnMissingGoverningServices } from './workload-objects';
import { schedulingNodes } from './scheduler';
import { addedServiceCauses } from './added-service-causes';

export interface ParseResult {
  readonly scenario: Scenario | null;
  readonly diagnostics: Diagnostic[];
}

interface Buckets {
  clusterConfiguration: SourceObject | null;
  initConfiguration: SourceObject | null;
  corednsConfigMap: SourceObject | null;
  kubeProxyConfiguration: SourceObject | null;
  flannelConfigMap: SourceObject | null;
  nodes: SourceObject[];
  workloads: SourceObject[];
  services: SourceObject[];
  endpointSlices: SourceObject[];
  endpoints: SourceObject[];
  ingresses: SourceObject[];
  ingressClasses: SourceObject[];
  flows: SourceObject[];
}

function single(current: SourceObject | null, object: SourceObject): SourceObject {
  if (current !== null) {
    const at = current.fields.place();
    object.fields.error(
      undefined,
      `a second ${object.kind}: only one is allowed (the first is at line ${at.line})`,
    );
    return current;
  }
  return object;
}

function sortObjects(objects: readonly SourceObject[]): Buckets {
  const b: Buckets = {
    clusterConfiguration: null,
    initConfiguration: null,
    corednsConfigMap: null,
    kubeProxyConfiguration: null,
    flannelConfigMap: null,
    nodes: [],
    workloads: [],
    services: [],
    endpointSlices: [],
    endpoints: [],
    ingresses: [],
    ingressClasses: [],
    flows: [],
  };
  for (const o of objects) {
    const type = `${o.apiVersion} ${o.kind}`;
    switch (type) {
      case 'kubeadm.k8s.io/v1beta4 ClusterConfiguration':
      case 'kubeadm.k8s.io/v1beta3 ClusterConfiguration':
        b.clusterConfiguration = single(b.clusterConfiguration, o);
        continue;
      case 'kubeadm.k8s.io/v1beta4 InitConfiguration':
      case 'kubeadm.k8s.io/v1beta3 InitConfiguration':
        b.initConfiguration = single(b.initConfiguration, o);
        continue;
      case 'kubeproxy.config.k8s.io/v1alpha1 KubeProxyConfiguration':
        b.kubeProxyConfiguration = single(b.kubeProxyConfiguration, o);
        continue;
      case 'v1 ConfigMap': {
        const role = configMapRole(o);
        if (role === 'flannel') b.flannelConfigMap = single(b.flannelConfigMap, o);
        else if (role === 'coredns') b.corednsConfigMap = single(b.corednsConfigMap, o);
        else if (role === 'kube-proxy' || role === 'kubeadm') {
          // Read as the document it holds: a second one beside a document of that kind is refused.
          const inner = embeddedConfiguration(o, role);
          if (inner !== null && role === 'kube-proxy')
            b.kubeProxyConfiguration = single(b.kubeProxyConfiguration, inner);
          if (inner !== null && role === 'kubeadm')
            b.clusterConfiguration = single(b.clusterConfiguration, inner);
        } else break;
        continue;
      }
      case 'v1 Node':
        b.nodes.push(o);
        continue;
      case 'v1 Pod':
      case 'apps/v1 Deployment':
      case 'apps/v1 StatefulSet':
        b.workloads.push(o);
        continue;
      case 'apps/v1 DaemonSet':
        if (simulatedComponentNote(o) !== null) break; // flannel's and kube-proxy's: a note below
        b.workloads.push(o);
        continue;
      case 'v1 Service':
        b.services.push(o);
        continue;
      case 'discovery.k8s.io/v1 EndpointSlice':
        b.endpointSlices.push(o);
        continue;
      case 'v1 Endpoints':
        b.endpoints.push(o);
        continue;
      case 'networking.k8s.io/v1 Ingress':
        b.ingresses.push(o);
        continue;
      case 'networking.k8s.io/v1 IngressClass':
        b.ingressClasses.push(o);
        continue;
      case 'podpath.dev/v1alpha1 Flow':
        b.flows.push(o);
        continue;
    }
    const note = simulatedComponentNote(o);
    if (note !== null) {
      o.fields.warning(undefined, note);
      continue;
    }
    const name = o.fields.map('metadata').string('name');
    o.fields.warning(
      undefined,
      `${o.kind}${name === null ? '' : ` "${name}"`} (${o.apiVersion}) is not simulated; ignored`,
    );
  }
  return b;
}

/** Reports a second object with the same key; returns true when the name is new. */
function claimName(
  seen: Map<string, Place>,
  key: string,
  what: string,
  place: Place,
  diags: Diagnostics,
): boolean {
  const first = seen.get(key);
  if (first !== undefined) {
    diags.error(place, `${what} "${key}" is defined twice (first at line ${first.line})`);
    return false;
  }
  seen.set(key, place);
  return true;
}

function readNodes(objects: readonly SourceObject[], diags: Diagnostics): NodeInput[] {
  const seen = new Map<string, Place>();
  const nodes: NodeInput[] = [];
  for (const o of objects) {
    const node = readNode(o.fields);
    if (node !== null && claimName(seen, node.name, 'Node', node.place, diags)) nodes.push(node);
  }
  return objects.length === 0 ? defaultNodes() : nodes;
}

/** v1 Endpoints of selectorless Services, mirrored into slices unless the file holds the mirrored ones. */
function mirrorAllEndpoints(
  objects: readonly SourceObject[],
  services: readonly ServiceInput[],
  slices: EndpointSliceSpec[],
  sliceNames: ReadonlyMap<string, Place>,
  diags: Diagnostics,
): void {
  if (objects.length === 0) return;
  const byKey = new Map(services.map((s) => [`${s.namespace}/${s.name}`, s]));
  const mirrored = new Set(
    slices.filter((s) => s.managedBy === MIRRORING_CONTROLLER).map((s) => `${s.namespace}/${s.serviceName}`),
  );
  const taken = new Set(sliceNames.keys());
  for (const o of objects) {
    const e = readEndpoints(o.fields);
    if (e === null) continue;
    const key = `${e.namespace}/${e.name}`;
    const service = byKey.get(key);
    if (service === undefined) {
      diags.warning(
        e.place,
        `no Service "${key}" in the scenario: these Endpoints are not mirrored, and kube-proxy reads only EndpointSlices`,
      );
      continue;
    }
    // A Service with a selector has its Endpoints written by the endpoints controller: kube-proxy ignores them.
    if (service.selector !== null || service.type === 'ExternalName' || e.skipMirror || mirrored.has(key))
      continue;
    slices.push(...mirrorEndpoints(e, taken));
  }
}

function build(text: string, diags: Diagnostics, options: ParseOptions): Scenario | null {
  const buckets = sortObjects(readSourceObjects(text, diags, options));
  const nodeInputs = readNodes(buckets.nodes, diags);
  // A dump has no ClusterConfiguration: the ranges are read from its Nodes and Services instead.
  const networking = buckets.clusterConfiguration
    ? readClusterConfiguration(buckets.clusterConfiguration.fields)
    : inferNetworking(DEFAULT_NETWORKING, nodeInputs, buckets.services, diags);
  const places = buckets.clusterConfiguration
    ? networkingPlaces(buckets.clusterConfiguration.fields)
    : DEFAULT_PLACES;
  const flannelInput = buckets.flannelConfigMap
    ? readFlannelConfigMap(buckets.flannelConfigMap.fields)
    : DEFAULT_FLANNEL;
  const flannel = resolveFlannel(flannelInput, networking.podSubnet);
  const proxyInput = buckets.kubeProxyConfiguration
    ? readKubeProxyConfiguration(buckets.kubeProxyConfiguration.fields)
    : DEFAULT_KUBE_PROXY;

  if (nodeInputs.length === 0) return null; // every Node was invalid; already reported
  const podCIDRs = assignPodCIDRs(nodeInputs, networking.podSubnet, flannel.network, diags, {
    podSubnet: places.podSubnet,
    flannelNetwork: flannelInput.networkPlace,
  });
  const { underlay, ips } = assignInternalIPs(nodeInputs, diags);
  const nodes: NodeSpec[] = nodeInputs.map((n, i) => ({
    name: n.name,
    labels: n.labels,
    taints: n.taints,
    zone: n.zone,
    podCIDR: podCIDRs[i] ?? { network: 0, prefix: 32 },
    internalIP: ips[i] ?? 0,
    nicMtu: n.nicMtu,
    source: n.source,
    ...(n.podCIDR && { podCIDRSource: sourceRefOf(n.podCIDR.place) }),
  }));

  const workloads = readWorkloads(buckets.workloads);
  const ing = resolveIngressSetup(
    buckets.ingressClasses,
    buckets.ingresses,
    buckets.workloads,
    workloads,
    (seen, key, what, place) => claimName(seen, key, what, place, diags),
    diags,
  );
  const { addon: ingressAddon, ownsController, inputs: ingressInputs, ingresses } = ing;

  const corednsAddon = !(buckets.initConfiguration && readSkipsCoreDns(buckets.initConfiguration.fields));
  const clusterDNS = clusterDnsIP(networking.serviceSubnet, diags, places.serviceSubnet ?? WHOLE_FILE);
  const corefile = readCorefile(buckets.corednsConfigMap?.fields ?? null, networking.dnsDomain);
  // The addon's pods come after the file's own, so adding CoreDNS leaves every other pod's node and
  // address as they were. A file that writes its own coredns Deployment or kube-dns Service keeps it.
  // A dump holds CoreDNS's running pods instead (or as well): then it is installed already.
  const ownsCoreDns = holdsAddon(workloads, COREDNS_NAMESPACE, COREDNS_NAME, [
    'k8s-app',
    KUBE_DNS_LABEL['k8s-app'],
  ]);
  if (corednsAddon && !ownsCoreDns) workloads.push({ kind: 'Deployment', deployment: corednsDeployment() });
  if (ingressAddon && !ownsController)
    workloads.push({ kind: 'Deployment', deployment: ingressNginxDeployment() });
  const schedNodes = schedulingNodes(nodes).map((n, i) => ({
    ...n,
    taintPlaces: nodeInputs[i]!.taintPlaces,
  }));
  const pods = buildPods(workloads, schedNodes, diags);

  const fileServices: ServiceInput[] = [];
  const serviceNames = new Map<string, Place>();
  for (const o of buckets.services) {
    const s = readService(o.fields);
    if (s !== null && claimName(serviceNames, `${s.namespace}/${s.name}`, 'Service', s.place, diags))
      fileServices.push(s);
  }
  // Without a 10th address kubeadm stops before creating kube-dns: that error alone is reported.
  const addKubeDns =
    corednsAddon &&
    clusterDnsFits(networking.serviceSubnet) &&
    !serviceNames.has(`${COREDNS_NAMESPACE}/${KUBE_DNS_SERVICE}`);
  const addController =
    ingressAddon && !serviceNames.has(`${INGRESS_NGINX_NAMESPACE}/${INGRESS_NGINX_CONTROLLER}`);
  const addKubernetes = !serviceNames.has(`${KUBERNETES_NAMESPACE}/${KUBERNETES_SERVICE}`);
  const { services, inputs: serviceInputs } = allocateClusterServices(
    fileServices,
    {
      kubernetes: addKubernetes ? kubernetesService(networking.serviceSubnet) : null,
      kubeDns: addKubeDns ? kubeDnsService(clusterDNS) : null,
      // With no range written in the file, what the controller's Service lacks is put on the Ingress that
      // brought the add-on in.
      controller: addController
        ? {
            ...ingressNginxService(publishedAddress(ingressInputs, ingresses, diags)),
            place: ingressInputs[0]!.place,
          }
        : null,
    },
    networking.serviceSubnet,
    networking.nodePortRange,
    diags,
    places,
  );
  warnIngressBackends(ingressInputs, ingresses, serviceInputs, diags);

  const serviceKeys = new Set(services.map((s) => `${s.namespace}/${s.name}`));
  warnMissingGoverningServices(workloads, serviceKeys, diags);
  const endpointSlices: EndpointSliceSpec[] = [];
  const sliceNames = new Map<string, Place>();
  for (const o of buckets.endpointSlices) {
    const input: EndpointSliceInput | null = readEndpointSlice(o.fields);
    if (input === null) continue;
    const { slice } = input;
    if (!claimName(sliceNames, `${slice.namespace}/${slice.name}`, 'EndpointSlice', input.place, diags))
      continue;
    if (!serviceKeys.has(`${slice.namespace}/${slice.serviceName}`)) {
      diags.warning(
        input.serviceNamePlace,
        `no Service "${slice.namespace}/${slice.serviceName}" in the scenario: kube-proxy ignores this slice`,
      );
    }
    endpointSlices.push(slice);
  }

  mirrorAllEndpoints(buckets.endpoints, serviceInputs, endpointSlices, sliceNames, diags);
  // kube-apiserver's endpoint reconciler, unless the file gives the slice (a dump) or its own Service.
  const apiServer = serviceInputs.find(
    (s) => s.namespace === KUBERNETES_NAMESPACE && s.name === KUBERNETES_SERVICE,
  );
  if (
    apiServer?.selector === null &&
    !endpointSlices.some((s) => s.namespace === KUBERNETES_NAMESPACE && s.serviceName === KUBERNETES_SERVICE)
  )
    endpointSlices.push(apiServerEndpointSlice(nodes));
  // Warnings follow what is used: a Service whose slices the file gives is served by those slices.
  const givenBySlices = controllerWritten(endpointSlices);
  const podIndex = podSelectorIndex(pods);
  const selectorPlaces = new Map(
    serviceInputs.map((s) => [`${s.namespace}/${s.name}`, s.selectorPlace ?? s.place] as const),
  );
  if (!withinCostBudget(services, selectorPlaces, endpointSlices, givenBySlices, podIndex, diags))
    return null;
  warnUnservedPorts(
    services.filter((s) => !givenBySlices.has(`${s.namespace}/${s.name}`)),
    serviceInputs
      .filter((s) => !givenBySlices.has(`${s.namespace}/${s.name}`))
      .map((s) => s.ports.map((p) => p.targetPortPlace)),
    pods,
    podIndex,
    diags,
    addedServiceCauses({
      workloads,
      nodes: schedNodes,
      ownsCoreDns,
      controller: ingressAddon
        ? { owned: ownsController, namespace: ing.controller.namespace, workload: ing.controller.deployment }
        : null,
      ingressPlace: ingressInputs[0]?.place ?? null,
    }),
  );

  const flows: FlowSpec[] = [];
  const flowNames = new Map<string, Place>();
  for (const o of buckets.flows) {
    const f = readFlow(o.fields);
    if (f !== null && claimName(flowNames, f.flow.name, 'Flow', f.place, diags)) flows.push(f.flow);
  }

  if (diags.hasErrors) return null;
  return {
    networking,
    kubeProxy: resolveKubeProxy(
      proxyInput,
      networking.podSubnet,
      nodes.map((n) => n.internalIP),
    ),
    flannel,
    nodes,
    pods,
    services,
    endpointSlices,
    flows,
    underlay,
    dns: { clusterDNS, corednsAddon, corefile },
    ...(ingressAddon && {
      ingress: {
        classes: ing.classes,
        ingresses,
        controller: ing.controller,
      },
    }),
    warnings: diags.warnings,
  };
}

/**
 * Reads a scenario: one YAML file of `---`-separated Kubernetes (and kubeadm, kube-proxy, flannel, Podpath)
 * objects. Every field has a default, so an empty file is a valid two-node cluster.
 */
export interface ParseOptions {
  /** Size cap in bytes; 2 MiB unless a trusted caller (the benchmark) raises it. */
  readonly maxBytes?: number;
  /** False reads YAML with the full parser only (the tests that compare both readers). */
  readonly fastYaml?: boolean;
}

export function parseScenario(text: string, file = '<scenario>', options: ParseOptions = {}): ParseResult {
  const diags = new Diagnostics(file);
  let scenario: Scenario | null = null;
  try {
    scenario = build(text, diags, options);
  } catch (e) {
    // A bug in the reader, not in the file: still a diagnostic, never a stack trace.
    diags.error(
      WHOLE_FILE,
      `internal error while reading the scenario: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  // In file order, as a compiler lists them; file-wide problems first.
  const diagnostics = diags.list
    .map((d, i) => ({ d, i }))
    .sort(
      (a, b) => a.d.document - b.d.document || a.d.line - b.d.line || a.d.column - b.d.column || a.i - b.i,
    )
    .map(({ d }) => d);
  return { scenario: diags.hasErrors ? null : scenario, diagnostics };
}
