// Scenarios nobody wrote by hand, for the kernel lab's `--random N --seed S` (issue 12): each one is a
// small flannel cluster with a few Services and pods placed at random, in iptables or nftables mode and on
// one of flannel's backends, with three flows of the kinds users trace most — a pod to a Service, an
// external client to a NodePort, a pod to a pod on whichever node it landed — plus, for a LoadBalancer
// with source ranges, an external client to its address. The same N and seed give the same scenarios.
import { SeededRandom } from '../../engine/random';

export const RANDOM_MODES = ['iptables', 'nftables'] as const;
/** The flannel backends the lab can build. */
export const RANDOM_BACKENDS = ['vxlan', 'host-gw', 'udp'] as const;

export interface RandomScenario {
  /** `random-<seed>-<index>`: shown in the lab's table and used as the file name when saved. */
  readonly name: string;
  readonly mode: string;
  readonly backend: string;
  readonly text: string;
}

interface ServicePlan {
  readonly name: string;
  readonly type: 'ClusterIP' | 'NodePort' | 'LoadBalancer';
  readonly protocol: 'TCP' | 'UDP';
  readonly port: number;
  readonly targetPort: number;
  readonly nodePort: number;
  readonly externalLocal: boolean;
  readonly affinity: boolean;
  readonly sourceRanges: readonly string[];
  readonly lbIP: string;
  readonly pods: readonly { name: string; node: string }[];
}

const pick = <T>(r: SeededRandom, xs: readonly T[]): T => xs[r.int(0, xs.length - 1)]!;

function shuffle<T>(r: SeededRandom, xs: readonly T[]): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = r.int(0, i);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function nodeDocs(nodes: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < nodes; i++) {
    out.push(`apiVersion: v1
kind: Node
metadata:
  name: node-${i + 1}
spec:
  podCIDR: 10.244.${i}.0/24
status:
  addresses:
    - type: InternalIP
      address: 192.168.56.${11 + i}`);
  }
  return out;
}

function podDoc(name: string, node: string, labels: string, port: string): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: default${labels ? `\n  labels:\n    ${labels}` : ''}
spec:
  nodeName: ${node}
  containers:
    - name: main
      image: registry.k8s.io/e2e-test-images/agnhost:2.52${port}`;
}

function serviceDoc(s: ServicePlan): string {
  const lines = [
    'apiVersion: v1',
    'kind: Service',
    'metadata:',
    `  name: ${s.name}`,
    '  namespace: default',
    'spec:',
    `  type: ${s.type}`,
    '  selector:',
    `    app: ${s.name}`,
  ];
  if (s.type !== 'ClusterIP') lines.push(`  externalTrafficPolicy: ${s.externalLocal ? 'Local' : 'Cluster'}`);
  if (s.affinity) lines.push('  sessionAffinity: ClientIP');
  if (s.sourceRanges.length > 0)
    lines.push('  loadBalancerSourceRanges:', ...s.sourceRanges.map((r) => `    - ${r}`));
  lines.push(
    '  ports:',
    '    - name: p',
    `      protocol: ${s.protocol}`,
    `      port: ${s.port}`,
    `      targetPort: ${s.targetPort}`,
  );
  if (s.type !== 'ClusterIP') lines.push(`      nodePort: ${s.nodePort}`);
  if (s.type === 'LoadBalancer')
    lines.push('status:', '  loadBalancer:', '    ingress:', `      - ip: ${s.lbIP}`);
  return lines.join('\n');
}

function flowDoc(name: string, from: string, to: string, protocol: string): string {
  return `apiVersion: podpath.dev/v1alpha1
kind: Flow
metadata:
  name: ${name}
spec:
  from: ${from}
  to: ${to}
  protocol: ${protocol}`;
}

/** Source ranges in an order nft would not list them in, one of them holding the allowed client. */
const RANGE_POOL = ['203.0.113.0/24', '198.51.100.0/24', '10.0.0.0/8', '192.168.0.0/16', '172.16.0.0/12'];

export function randomScenario(seed: number, index: number): RandomScenario {
  const r = new SeededRandom(seed * 1000 + index);
  const mode = RANDOM_MODES[index % RANDOM_MODES.length]!;
  // Each pair of scenarios (one per mode) shares a backend, starting from one the seed picks: the two that
  // `--all` adds each run then cover every backend over a few runs, not vxlan alone.
  const backend = RANDOM_BACKENDS[(Math.floor(index / RANDOM_MODES.length) + seed) % RANDOM_BACKENDS.length]!;
  const nodeCount = r.int(2, 3);
  const nodes = Array.from({ length: nodeCount }, (_, i) => `node-${i + 1}`);
  const services: ServicePlan[] = [];
  const serviceCount = r.int(1, 2);
  for (let i = 0; i < serviceCount; i++) {
    // The first Service is reachable from outside, so the external flow always has a NodePort to aim at.
    const type =
      i === 0 ? pick(r, ['NodePort', 'LoadBalancer'] as const) : pick(r, ['ClusterIP', 'NodePort'] as const);
    const replicas = r.int(1, 3);
    const name = `svc${i}`;
    const ranges =
      type === 'LoadBalancer' && r.int(0, 1) === 1 ? shuffle(r, RANGE_POOL).slice(0, r.int(2, 3)) : [];
    services.push({
      name,
      type,
      protocol: r.int(0, 3) === 0 ? 'UDP' : 'TCP',
      port: pick(r, [80, 443, 53, 8000]),
      targetPort: pick(r, [8080, 9090, 5000]),
      nodePort: 30000 + i * 100 + r.int(0, 99),
      externalLocal: type !== 'ClusterIP' && r.int(0, 2) === 0,
      affinity: r.int(0, 4) === 0,
      // Written in a random order: nft lists the set sorted, whatever the Service said.
      sourceRanges: ranges,
      lbIP: `192.0.2.${50 + i}`,
      pods: Array.from({ length: replicas }, (_, k) => ({ name: `${name}-${k}`, node: pick(r, nodes) })),
    });
  }
  const clientNode = pick(r, nodes);
  const docs: string[] = [
    `apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
mode: ${mode}
clusterCIDR: 10.244.0.0/16`,
    `apiVersion: v1
kind: ConfigMap
metadata:
  name: kube-flannel-cfg
  namespace: kube-flannel
data:
  net-conf.json: |
    {"Network": "10.244.0.0/16", "Backend": {"Type": "${backend}"}}`,
    ...nodeDocs(nodeCount),
    podDoc('client', clientNode, '', ''),
  ];
  for (const s of services) {
    for (const p of s.pods) {
      const port = `\n      ports:\n        - containerPort: ${s.targetPort}\n          protocol: ${s.protocol}`;
      docs.push(podDoc(p.name, p.node, `app: ${s.name}`, port));
    }
    docs.push(serviceDoc(s));
  }
  // The three kinds of flow, each to a random target of its kind.
  const toService = pick(r, services);
  docs.push(
    flowDoc('pod-to-service', 'pod/default/client', `svc/default/${toService.name}:p`, toService.protocol),
  );
  const outside = services.filter((s) => s.type !== 'ClusterIP');
  const np = pick(r, outside);
  const node = r.int(0, nodeCount - 1);
  docs.push(
    flowDoc(
      'external-to-nodeport',
      'external/203.0.113.10',
      `192.168.56.${11 + node}:${np.nodePort}`,
      np.protocol,
    ),
  );
  const target = pick(r, services);
  const pod = pick(r, target.pods);
  docs.push(
    flowDoc(
      'pod-to-pod',
      'pod/default/client',
      `pod/default/${pod.name}:${target.targetPort}`,
      target.protocol,
    ),
  );
  const lb = services.find((s) => s.sourceRanges.length > 0);
  if (lb) {
    // A client inside one of the ranges or outside them all (then the firewall's drop is what is checked).
    const client =
      lb.sourceRanges.includes('203.0.113.0/24') && r.int(0, 1) === 1 ? '203.0.113.20' : '100.64.0.10';
    docs.push(flowDoc('external-to-lb', `external/${client}`, `${lb.lbIP}:${lb.port}`, lb.protocol));
  }
  const name = `random-${seed}-${index}`;
  const header = `# ${name}: generated by the kernel lab (--random, seed ${seed}, scenario ${index}); ${mode} mode, flannel ${backend}\n`;
  return { name, mode, backend, text: header + docs.join('\n---\n') + '\n' };
}

export function randomScenarios(count: number, seed: number): RandomScenario[] {
  return Array.from({ length: count }, (_, i) => randomScenario(seed, i));
}
