// Generated clusters of a chosen size, as scenario text a user could have pasted: the scaling chart, the
// benchmarks and the tests all build their big clusters here, so "N Services" means the same objects
// everywhere. Objects are written as compact `kind: List` items (flow style), which keeps a 30,000-Service
// file small enough for the input caps.
import type { FlannelBackend } from '../model/scenario';
import type { ProxyMode } from '../model/proxy-mode';
import { KUBE_PROXY_API } from './yaml-edits';

export interface SyntheticShape {
  /** Nodes n0, n1, …; their podCIDRs are allocated from the pod subnet as kube-controller-manager would. */
  readonly nodes: number;
  /** ClusterIP Services s0, s1, … (zero-padded so name order is numeric), besides default/kubernetes. */
  readonly services: number;
  /** Deployments d0, d1, … backing the Services round-robin (Service i selects d(i mod deployments)). */
  readonly deployments: number;
  /** Replicas of each Deployment: the pods per Service when there is one Deployment per Service. */
  readonly replicas: number;
  /** kube-proxy's mode; without one no KubeProxyConfiguration is written and kube-proxy's default applies. */
  readonly proxyMode?: ProxyMode;
  /** flannel's backend; without one no kube-flannel-cfg is written and flannel's default (vxlan) applies. */
  readonly flannelBackend?: FlannelBackend;
  /** kubeadm's networking.podSubnet (and kube-proxy's clusterCIDR); 10.244.0.0/16 when not given. */
  readonly podSubnet?: string;
  /** kubeadm installs CoreDNS unless the addon/coredns phase is skipped. Default true. */
  readonly coreDns?: boolean;
}

/** How many objects of each kind the file holds (the add-ons kubeadm installs are not counted). */
export function syntheticObjectCounts(shape: SyntheticShape): {
  nodes: number;
  services: number;
  deployments: number;
  pods: number;
} {
  return {
    nodes: shape.nodes,
    services: shape.services,
    deployments: shape.deployments,
    // The client pod, pinned to the first node, plus every Deployment's replicas.
    pods: 1 + shape.deployments * shape.replicas,
  };
}

/** The name of the shape's Service `i` (0-based): s, then `i` zero-padded to the width of the largest. */
export function syntheticServiceName(shape: Pick<SyntheticShape, 'services'>, i: number): string {
  const width = String(Math.max(0, shape.services - 1)).length;
  return `s${String(i).padStart(width, '0')}`;
}

/**
 * The scenario text of a generated cluster: the shape's nodes, a `client` pod on n0 (the source every
 * measurement traces from), the Deployments, and the Services selecting them. The same shape gives the same
 * text, byte for byte.
 */
export function syntheticScenario(shape: SyntheticShape): string {
  const podSubnet = shape.podSubnet ?? '10.244.0.0/16';
  const docs: string[] = [];
  if (shape.coreDns === false)
    docs.push('apiVersion: kubeadm.k8s.io/v1beta4\nkind: InitConfiguration\nskipPhases: [addon/coredns]');
  docs.push(
    `apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\nnetworking: {podSubnet: ${podSubnet}, serviceSubnet: 10.96.0.0/12}`,
  );
  if (shape.proxyMode !== undefined)
    docs.push(
      `apiVersion: ${KUBE_PROXY_API}\nkind: KubeProxyConfiguration\nmode: ${shape.proxyMode}\nclusterCIDR: ${podSubnet}`,
    );
  if (shape.flannelBackend !== undefined) {
    const netConf = JSON.stringify({ Network: podSubnet, Backend: { Type: shape.flannelBackend } });
    docs.push(
      `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: kube-flannel-cfg, namespace: kube-flannel}\ndata:\n  net-conf.json: '${netConf}'`,
    );
  }
  const items = ['apiVersion: v1\nkind: List\nitems:'];
  for (let i = 0; i < shape.nodes; i++) items.push(`- {apiVersion: v1, kind: Node, metadata: {name: n${i}}}`);
  items.push(
    '- {apiVersion: v1, kind: Pod, metadata: {name: client}, spec: {nodeName: n0, containers: [{name: c}]}}',
  );
  for (let d = 0; d < shape.deployments; d++) {
    items.push(
      `- {apiVersion: apps/v1, kind: Deployment, metadata: {name: d${d}}, spec: {replicas: ${shape.replicas}, template: {metadata: {labels: {a: d${d}}}, spec: {containers: [{name: c, ports: [{containerPort: 8080}]}]}}}}`,
    );
  }
  for (let i = 0; i < shape.services; i++) {
    const selected = shape.deployments > 0 ? `{a: d${i % shape.deployments}}` : '{a: none}';
    items.push(
      `- {apiVersion: v1, kind: Service, metadata: {name: ${syntheticServiceName(shape, i)}}, spec: {selector: ${selected}, ports: [{port: 80, targetPort: 8080}]}}`,
    );
  }
  docs.push(items.join('\n'));
  return docs.join('\n---\n') + '\n';
}

/**
 * A hand-written scenario grown to `nodes` nodes: Nodes node-(k+1)… are appended after its own k, each with
 * the podCIDR and InternalIP the next node of the default scenario would have (10.244.(i-1).0/24,
 * 192.168.56.(10+i)), and its first Deployment's replicas set to `replicas`. For the many-pods drawing tests.
 */
export function grownScenario(
  base: string,
  grow: { readonly nodes: number; readonly replicas: number },
): string {
  const own = base.match(/^kind: Node$/gm)?.length ?? 0;
  const nodes: string[] = [];
  for (let i = own + 1; i <= grow.nodes; i++) {
    nodes.push(
      `---\napiVersion: v1\nkind: Node\nmetadata:\n  name: node-${i}\nspec:\n  podCIDR: 10.244.${i - 1}.0/24\nstatus:\n  addresses:\n    - type: InternalIP\n      address: 192.168.56.${i + 10}\n`,
    );
  }
  return `${base.replace(/^(\s*)replicas: \d+$/m, `$1replicas: ${grow.replicas}`)}${nodes.join('')}`;
}
