// Where pods land: nodeSelector, taints and tolerations filter the nodes; placement never moves a running
// pod because something else in the file scaled (issue 10: scaling a Deployment from 3 to 4 moved a
// CoreDNS pod to another node).
import { describe, expect, it } from 'vitest';
import { scenarioOf, warningsOf } from './test-helpers';

// A kubeadm cluster as `kubectl get nodes -o yaml` shows it: the control plane carries kubeadm's taint.
const kubeadmNodes = `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Node
  metadata:
    name: cp-1
    labels: {kubernetes.io/hostname: cp-1, kubernetes.io/os: linux, node-role.kubernetes.io/control-plane: ""}
  spec:
    podCIDR: 10.244.0.0/24
    taints:
    - {effect: NoSchedule, key: node-role.kubernetes.io/control-plane}
  status: {addresses: [{type: InternalIP, address: 192.168.56.10}, {type: Hostname, address: cp-1}]}
- apiVersion: v1
  kind: Node
  metadata: {name: worker-1, labels: {kubernetes.io/hostname: worker-1, kubernetes.io/os: linux, disk: ssd}}
  spec: {podCIDR: 10.244.1.0/24}
  status: {addresses: [{type: InternalIP, address: 192.168.56.11}]}
- apiVersion: v1
  kind: Node
  metadata: {name: worker-2, labels: {kubernetes.io/hostname: worker-2, kubernetes.io/os: linux}}
  spec: {podCIDR: 10.244.2.0/24}
  status: {addresses: [{type: InternalIP, address: 192.168.56.12}]}
`;

const deployment = (name: string, replicas: number, extra = '') => `---
apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers: [{name: c, image: nginx}]${extra}
`;

const placement = (text: string) =>
  scenarioOf(text).pods.map((p) => `${p.namespace}/${p.name}@${p.nodeName}`);

describe('taints, tolerations and nodeSelector', () => {
  it('keeps replicas off the NoSchedule control plane', () => {
    const s = scenarioOf(kubeadmNodes + deployment('web', 6));
    const web = s.pods.filter((p) => p.name.startsWith('web-'));
    expect(web).toHaveLength(6);
    expect(new Set(web.map((p) => p.nodeName))).toEqual(new Set(['worker-1', 'worker-2']));
    expect(s.nodes[0]!.taints).toEqual([
      { key: 'node-role.kubernetes.io/control-plane', value: '', effect: 'NoSchedule' },
    ]);
  });

  it('lets a pod that tolerates the taint run there, and CoreDNS tolerates it as kubeadm writes it', () => {
    const tolerant = deployment(
      'agent',
      3,
      '\n      nodeSelector: {node-role.kubernetes.io/control-plane: ""}\n      tolerations: [{key: node-role.kubernetes.io/control-plane, operator: Exists, effect: NoSchedule}]',
    );
    const s = scenarioOf(kubeadmNodes + tolerant);
    expect(s.pods.filter((p) => p.name.startsWith('agent-')).map((p) => p.nodeName)).toEqual([
      'cp-1',
      'cp-1',
      'cp-1',
    ]);
    const coredns = s.pods.filter((p) => p.name.startsWith('coredns-'));
    expect(coredns).toHaveLength(2);
    expect(coredns[0]!.nodeName).not.toBe(coredns[1]!.nodeName);
  });

  it('follows nodeSelector', () => {
    const s = scenarioOf(kubeadmNodes + deployment('db', 3, '\n      nodeSelector: {disk: ssd}'));
    expect(s.pods.filter((p) => p.name.startsWith('db-')).map((p) => p.nodeName)).toEqual([
      'worker-1',
      'worker-1',
      'worker-1',
    ]);
  });

  it('leaves a pod no node accepts Pending, with the scheduler’s reason on its nodeSelector', () => {
    const text = kubeadmNodes + deployment('gpu', 2, '\n      nodeSelector: {gpu: "true"}');
    expect(scenarioOf(text).pods.some((p) => p.name.startsWith('gpu-'))).toBe(false);
    const w = warningsOf(text).find((d) => d.message.includes('Pending'))!;
    expect(w.message).toBe(
      'every replica of Deployment "default/gpu" stays Pending, so it has no address: 0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn\'t match Pod\'s node affinity/selector',
    );
    expect(w.field).toBe('spec.template.spec.nodeSelector');
  });

  it('treats spec.unschedulable (kubectl cordon) as its NoSchedule taint', () => {
    const cordoned = kubeadmNodes.replace(
      'spec: {podCIDR: 10.244.2.0/24}',
      'spec: {podCIDR: 10.244.2.0/24, unschedulable: true}',
    );
    const s = scenarioOf(cordoned + deployment('web', 4));
    expect(s.pods.filter((p) => p.name.startsWith('web-')).every((p) => p.nodeName === 'worker-1')).toBe(
      true,
    );
  });
});

describe('stable placement', () => {
  it('scaling a Deployment from 3 to 4 moves no other pod, CoreDNS included (issue 10)', () => {
    const others =
      deployment('api', 2) +
      deployment('cache', 1) +
      '---\napiVersion: v1\nkind: Pod\nmetadata: {name: lone}\n';
    const before = placement(kubeadmNodes + deployment('web', 3) + others);
    const after = placement(kubeadmNodes + deployment('web', 4) + others);
    const web = (list: string[]) => list.filter((p) => p.startsWith('default/web-'));
    const rest = (list: string[]) => list.filter((p) => !p.startsWith('default/web-'));
    expect(rest(after)).toEqual(rest(before));
    expect(rest(before).filter((p) => p.startsWith('kube-system/coredns-'))).toHaveLength(2);
    // The first three replicas keep their names and nodes; the fourth is added.
    expect(web(after).slice(0, 3)).toEqual(web(before));
    expect(web(after)).toHaveLength(4);
  });

  it('does not move pods when the file is reordered', () => {
    const a = placement(kubeadmNodes + deployment('api', 2) + deployment('web', 3));
    const b = placement(kubeadmNodes + deployment('web', 3) + deployment('api', 2));
    expect([...b].sort()).toEqual([...a].sort());
  });

  it('scaling a StatefulSet or a Deployment moves no other workload’s pods, a DaemonSet’s included', () => {
    const statefulSet = (replicas: number) => `---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  replicas: ${replicas}
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers: [{name: c, image: postgres}]
`;
    const daemonSet = `---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers: [{name: c, image: agent}]
`;
    const file = (db: number, web: number) =>
      kubeadmNodes + statefulSet(db) + deployment('web', web) + daemonSet + deployment('api', 2);
    const base = placement(file(2, 3));
    const mine = (prefix: string) => (list: string[]) => list.filter((p) => p.startsWith(prefix));
    const notMine = (prefix: string) => (list: string[]) => list.filter((p) => !p.startsWith(prefix));
    // The StatefulSet from 2 to 5: db-0 and db-1 stay, nothing else moves.
    const scaledDb = placement(file(5, 3));
    expect(notMine('default/db-')(scaledDb)).toEqual(notMine('default/db-')(base));
    expect(mine('default/db-')(scaledDb).slice(0, 2)).toEqual(mine('default/db-')(base));
    expect(mine('default/db-')(scaledDb)).toHaveLength(5);
    // The Deployment from 3 to 1: the StatefulSet's, the DaemonSet's and the other Deployment's pods stay.
    const scaledWeb = placement(file(2, 1));
    expect(notMine('default/web-')(scaledWeb)).toEqual(notMine('default/web-')(base));
    expect(mine('default/agent-')(base)).toHaveLength(2); // both workers; the control plane is tainted
  });
});
