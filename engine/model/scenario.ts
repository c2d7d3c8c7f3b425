// The scenario as the engine understands it after parsing and defaulting: real Kubernetes objects reduced
// to the fields that shape the datapath. Every field is resolved (no optionals left to guess) except where
// "absent" itself means something to Kubernetes.
import type { Corefile } from './corefile';
import type { Cidr } from '../net/ipv4';
import type { ProxyMode } from './proxy-mode';

export type { ProxyMode } from './proxy-mode';

export type Protocol = 'TCP' | 'UDP' | 'SCTP';

/** Where a value came from in the user's YAML, for errors and warnings. */
export interface SourceRef {
  /** Index of the `---` document in the file (0-based). */
  readonly document: number;
  /** 1-based line and column of the object (or field) in the file; 0 when synthesised. */
  readonly line: number;
  readonly column: number;
}

export interface ClusterNetworking {
  readonly podSubnet: Cidr;
  readonly serviceSubnet: Cidr;
  readonly dnsDomain: string;
  /** kube-apiserver `--service-node-port-range` (kubeadm `apiServer.extraArgs`), 30000-32767 by default. */
  readonly nodePortRange: { readonly min: number; readonly max: number };
}

export interface KubeProxySettings {
  readonly mode: ProxyMode;
  /** Local-traffic detector (`--cluster-cidr`, detectLocalMode ClusterCIDR); null means no detector. */
  readonly clusterCIDR: Cidr | null;
  readonly masqueradeAll: boolean;
  readonly masqueradeBit: number;
  readonly localhostNodePorts: boolean;
  /** Empty means every local address (`-m addrtype --dst-type LOCAL`). */
  readonly nodePortAddresses: readonly Cidr[];
  /** IPVS scheduler (`ipvs.scheduler`), rr by default. */
  readonly ipvsScheduler: string;
}

export type FlannelBackend = 'vxlan' | 'host-gw' | 'udp' | 'ipip';

export interface FlannelSettings {
  readonly network: Cidr;
  readonly backend: FlannelBackend;
  /** VXLAN network identifier (Backend.VNI), 1 by default: the device is `flannel.<VNI>`. */
  readonly vni: number;
  /** UDP port: 0 in flannel's config means the kernel default, 8472 for VXLAN (8285 for udp). */
  readonly port: number;
  /** flanneld `--ip-masq`, true in the default DaemonSet. */
  readonly ipMasq: boolean;
}

/** A Node's spec.taints entry (`spec.unschedulable` reads as node.kubernetes.io/unschedulable:NoSchedule). */
export interface Taint {
  readonly key: string;
  readonly value: string;
  readonly effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

export interface NodeSpec {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly taints: readonly Taint[];
  readonly zone: string | null;
  readonly podCIDR: Cidr;
  /** Where spec.podCIDR is written, when the file gives it: errors about pods it cannot address point there. */
  readonly podCIDRSource?: SourceRef;
  readonly internalIP: number;
  /** MTU of the node's underlay NIC (eth0); 1500 unless the scenario says otherwise. */
  readonly nicMtu: number;
  readonly source: SourceRef;
}

export interface ContainerPort {
  readonly name: string | null;
  readonly containerPort: number;
  readonly protocol: Protocol;
  /** `hostPort`: the node port the CNI portmap plugin forwards to this one (absent or 0 when none). */
  readonly hostPort?: number;
  /** `hostIP`: the node address the hostPort is bound to (absent: every local address). */
  readonly hostIP?: string;
}

/** spec.dnsPolicy: how the kubelet writes the pod's /etc/resolv.conf (ClusterFirst unless set). */
export type DnsPolicy = 'ClusterFirst' | 'ClusterFirstWithHostNet' | 'Default' | 'None';

/** spec.dnsConfig, merged into what the policy gives (kubelet appendDNSConfig). */
export interface PodDnsConfig {
  readonly nameservers: readonly string[];
  readonly searches: readonly string[];
  readonly options: readonly { readonly name: string; readonly value: string | null }[];
}

/** A spec.hostAliases entry: the kubelet writes `IP<TAB>hostname…` into the pod's /etc/hosts. */
export interface HostAlias {
  readonly ip: string;
  readonly hostnames: readonly string[];
}

export interface PodSpec {
  readonly namespace: string;
  readonly name: string;
  readonly nodeName: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly ports: readonly ContainerPort[];
  /** `Ready` condition; true unless status.conditions says otherwise. */
  readonly ready: boolean;
  /** metadata.deletionTimestamp set: the pod is terminating (still serving until it stops). */
  readonly terminating: boolean;
  /** status.podIP when the YAML gives one (host-local is then asked for exactly that address). */
  readonly requestedIP: number | null;
  /** Where `status.podIP` is written, for errors about it. */
  readonly requestedIPSource?: SourceRef;
  readonly hostNetwork: boolean;
  readonly hostname: string | null;
  readonly subdomain: string | null;
  readonly dnsPolicy: DnsPolicy;
  readonly dnsConfig: PodDnsConfig | null;
  /** spec.hostAliases (IPv4 entries), appended to the kubelet's /etc/hosts in order. */
  readonly hostAliases: readonly HostAlias[];
  /** The Deployment that created this pod, if any (`namespace/name`). */
  readonly ownerDeployment: string | null;
  /** The StatefulSet or DaemonSet that created this pod, if any (`StatefulSet namespace/name`). */
  readonly ownerWorkload?: string;
  readonly source: SourceRef;
}

export interface ServicePort {
  /** null for an unnamed port (allowed when the Service has exactly one port). */
  readonly name: string | null;
  readonly protocol: Protocol;
  readonly port: number;
  /** A number, or the name of a container port. */
  readonly targetPort: number | string;
  /** 0 when the Service has no NodePort for this port. */
  readonly nodePort: number;
}

export type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';

export interface ServiceSpec {
  readonly namespace: string;
  readonly name: string;
  readonly type: ServiceType;
  /** null for headless (`clusterIP: None`) and ExternalName Services. */
  readonly clusterIP: number | null;
  readonly ports: readonly ServicePort[];
  /** null when the Service has no selector (its EndpointSlices are managed by hand). */
  readonly selector: Readonly<Record<string, string>> | null;
  readonly externalIPs: readonly number[];
  /** status.loadBalancer.ingress[].ip, without `ipMode: Proxy` entries. */
  readonly loadBalancerIPs: readonly number[];
  readonly loadBalancerSourceRanges: readonly Cidr[];
  readonly sessionAffinity: 'None' | 'ClientIP';
  readonly sessionAffinityTimeoutSeconds: number;
  readonly externalTrafficPolicy: 'Cluster' | 'Local';
  readonly internalTrafficPolicy: 'Cluster' | 'Local';
  /** 0 unless ETP=Local on a NodePort/LoadBalancer Service. */
  readonly healthCheckNodePort: number;
  readonly externalName: string | null;
  readonly publishNotReadyAddresses: boolean;
  readonly source: SourceRef;
}

export interface EndpointConditions {
  /** null means unset, which kube-proxy reads as ready / serving. */
  readonly ready: boolean | null;
  readonly serving: boolean | null;
  readonly terminating: boolean | null;
}

export interface Endpoint {
  readonly addresses: readonly number[];
  readonly conditions: EndpointConditions;
  readonly nodeName: string | null;
  readonly zone: string | null;
  readonly hostname: string | null;
  readonly targetPod: string | null;
  readonly hintsForZones: readonly string[] | null;
}

export interface EndpointPort {
  readonly name: string | null;
  readonly port: number | null;
  readonly protocol: Protocol;
}

export interface EndpointSliceSpec {
  readonly namespace: string;
  readonly name: string;
  /** `kubernetes.io/service-name` label. */
  readonly serviceName: string;
  readonly addressType: 'IPv4' | 'IPv6' | 'FQDN';
  readonly endpoints: readonly Endpoint[];
  readonly ports: readonly EndpointPort[];
  /** true when the slice came from the YAML, false when derived from a selector. */
  readonly explicit: boolean;
  /**
   * The `endpointslice.kubernetes.io/managed-by` label of a slice from the YAML. A dump's slices carry
   * `endpointslice-controller.k8s.io`: they are what the controller wrote, so none is derived beside them.
   */
  readonly managedBy?: string;
  readonly source: SourceRef;
}

/** A flow the scenario asks to be traced (and the kernel lab to check): `podpath.dev/v1alpha1` `Flow`. */
export interface FlowSpec {
  readonly name: string;
  readonly from: string;
  readonly to: string;
  readonly protocol: Protocol;
  /** IP total length of the first packet (`spec.size`); null for the default (a 60-byte SYN, 64-byte UDP). */
  readonly size: number | null;
  readonly source: SourceRef;
}

export interface Diagnostic {
  readonly severity: 'error' | 'warning';
  readonly message: string;
  /** File name as given by the caller (or `<scenario>`). */
  readonly file: string;
  readonly document: number;
  readonly line: number;
  readonly column: number;
  /** Field path inside the document, e.g. `spec.ports[0].targetPort`. */
  readonly field: string;
}

/** Cluster DNS: the kubelet's clusterDNS and the CoreDNS addon kubeadm installs (phase addon/coredns). */
export interface ClusterDns {
  /** kubelet `clusterDNS`: the 10th address of the Service subnet (kubeadm GetDNSIP), 10.96.0.10 by default. */
  readonly clusterDNS: number;
  /** false when an InitConfiguration skips `addon/coredns`: then nothing answers at clusterDNS. */
  readonly corednsAddon: boolean;
  /** The Corefile CoreDNS runs: ConfigMap kube-system/coredns key Corefile, or kubeadm's default. */
  readonly corefile: Corefile;
}

export type IngressPathType = 'Exact' | 'Prefix' | 'ImplementationSpecific';

/** An IngressBackend: a Service port (by number or name), or a resource (which ingress-nginx cannot serve). */
export type IngressBackend =
  | { readonly kind: 'service'; readonly service: string; readonly port: number | string }
  | {
      readonly kind: 'resource';
      readonly apiGroup: string | null;
      readonly resourceKind: string;
      readonly name: string;
    };

export interface IngressPath {
  /** As written; '' only for ImplementationSpecific (nginx then uses `/`). */
  readonly path: string;
  readonly pathType: IngressPathType;
  readonly backend: IngressBackend;
}

export interface IngressRule {
  /** null: the rule matches every host (ingress-nginx's catch-all server `_`). */
  readonly host: string | null;
  readonly paths: readonly IngressPath[];
}

/** `networking.k8s.io/v1` Ingress, as stored after admission (the default class filled in). */
export interface IngressSpec {
  readonly namespace: string;
  readonly name: string;
  /** spec.ingressClassName after the DefaultIngressClass admission plugin; null when still unset. */
  readonly className: string | null;
  readonly annotations: Readonly<Record<string, string>>;
  readonly defaultBackend: IngressBackend | null;
  readonly tls: readonly { readonly hosts: readonly string[]; readonly secretName: string | null }[];
  readonly rules: readonly IngressRule[];
  /** Whether the simulated ingress-nginx controller serves it (its class, or the legacy annotation). */
  readonly served: boolean;
  /** status.loadBalancer.ingress[].ip: the address ingress-nginx publishes (its Service's). */
  readonly loadBalancerIPs: readonly number[];
  readonly source: SourceRef;
}

export interface IngressClassSpec {
  readonly name: string;
  readonly controller: string;
  /** Annotation `ingressclass.kubernetes.io/is-default-class: "true"`. */
  readonly isDefault: boolean;
  readonly source: SourceRef;
}

/** The ingress-nginx controller's command-line arguments that the simulation carries out. */
export interface IngressControllerArgs {
  readonly ingressClass: string;
  readonly controllerClass: string;
  readonly watchIngressWithoutClass: boolean;
  readonly ingressClassByName: boolean;
  /** --default-backend-service `namespace/name`: unmatched requests go to its first port. */
  readonly defaultBackendService: { readonly namespace: string; readonly name: string } | null;
  /** --publish-service `namespace/name`: the Service whose address goes to the Ingresses' status. */
  readonly publishService: string | null;
  /** --publish-status-address: the address written to the status instead. */
  readonly publishStatusAddress: string | null;
}

/** Ingress objects and the ingress-nginx controller that serves them (added when an Ingress exists). */
export interface IngressSetup {
  readonly classes: readonly IngressClassSpec[];
  /** Every valid Ingress in document order, which stands for creation order (oldest first). */
  readonly ingresses: readonly IngressSpec[];
  /** The controller's Deployment and Service (`ingress-nginx/ingress-nginx-controller`); null without Ingresses. */
  readonly controller: {
    readonly namespace: string;
    readonly deployment: string;
    readonly service: string;
    /** The controller's own arguments (its Deployment or DaemonSet in the file), or the manifests' defaults. */
    readonly args: IngressControllerArgs;
  } | null;
}

export interface Scenario {
  readonly networking: ClusterNetworking;
  readonly kubeProxy: KubeProxySettings;
  readonly flannel: FlannelSettings;
  readonly nodes: readonly NodeSpec[];
  readonly pods: readonly PodSpec[];
  readonly services: readonly ServiceSpec[];
  /** Only the slices written in the YAML; selector-derived ones are built once pod IPs are known. */
  readonly endpointSlices: readonly EndpointSliceSpec[];
  readonly flows: readonly FlowSpec[];
  /** The underlay joining the nodes (and the router the external clients reach them through). */
  readonly underlay: { readonly subnet: Cidr; readonly gateway: number };
  readonly dns: ClusterDns;
  /** Absent in scenarios built by hand (tests): no Ingress, no controller. */
  readonly ingress?: IngressSetup;
  readonly warnings: readonly Diagnostic[];
}
