// DaemonSet pods: one per node that accepts the pod, with the tolerations the DaemonSet controller adds
// (util.AddOrUpdateDaemonPodTolerations) but not the control-plane taint's; deterministic generateName
// names; a dump's running daemon pods kept as they are; flannel's and kube-proxy's DaemonSets still
// simulated components with no pods listed.
import { describe, expect, it } from 'vitest';
import { daemonPodTolerations } from './daemonsets';
import type { PodSpecInput } from './pod-spec';
import { scenarioOf, warningsOf, withoutCoreDns } from './test-helpers';

// A kubeadm cluster: a tainted control plane, a cordoned worker, a worker tainted for GPU jobs.
const nodes = `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Node
  metadata:
    name: cp-1
    labels: {kubernetes.io/hostname: cp-1, node-role.kubernetes.io/control-plane: ""}
  spec:
    taints: [{effect: NoSchedule, key: node-role.kubernetes.io/control-plane}]
- apiVersion: v1
  kind: Node
  metadata: {name: worker-1, labels: {kubernetes.io/hostname: worker-1}}
  spec:
    unschedulable: true
- apiVersion: v1
  kind: Node
  metadata: {name: worker-2, labels: {kubernetes.io/hostname: worker-2, accelerator: nvidia}}
  spec:
    taints: [{effect: NoSchedule, key: nvidia.com/gpu, value: present}]
`;

const nodeExporter = (extraSpec = '') => `---
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-exporter
  namespace: monitoring
  labels: {app.kubernetes.io/name: node-exporter}
spec:
  selector:
    matchLabels: {app.kubernetes.io/name: node-exporter}
  updateStrategy: {type: RollingUpdate, rollingUpdate: {maxUnavailable: 1}}
  template:
    metadata:
      labels: {app.kubernetes.io/name: node-exporter}
    spec:
      tolerations:
      - key: nvidia.com/gpu
        operator: Exists
        effect: NoSchedule${extraSpec}
      containers:
      - name: node-exporter
        image: quay.io/prometheus/node-exporter:v1.8.2
        args: [--path.rootfs=/host]
        ports: [{containerPort: 9100, name: metrics}]
`;

const placed = (text: string) =>
  scenarioOf(withoutCoreDns(text))
    .pods.filter((p) => p.namespace === 'monitoring')
    .map((p) => `${p.name}@${p.nodeName}`);

describe('one pod per node that accepts it', () => {
  it('runs on the cordoned node (the controller tolerates unschedulable) and on the node its toleration allows', () => {
    const pods = placed(nodes + nodeExporter());
    expect(pods.map((p) => p.split('@')[1])).toEqual(['worker-1', 'worker-2']);
    expect(pods.every((p) => /^node-exporter-[bcdfghjklmnpqrstvwxz2456789]{5}@/.test(p))).toBe(true);
  });

  it('stays off the control plane unless its spec tolerates that taint', () => {
    const tolerating = nodeExporter(
      '\n      - key: node-role.kubernetes.io/control-plane\n        operator: Exists\n        effect: NoSchedule',
    );
    expect(placed(nodes + tolerating).map((p) => p.split('@')[1])).toEqual(['cp-1', 'worker-1', 'worker-2']);
  });

  it('follows nodeSelector', () => {
    const gpuOnly = nodeExporter('\n      nodeSelector: {accelerator: nvidia}');
    expect(placed(nodes + gpuOnly).map((p) => p.split('@')[1])).toEqual(['worker-2']);
  });

  it('labels pods with the revision hash and template generation', () => {
    const pod = scenarioOf(withoutCoreDns(nodes + nodeExporter())).pods.find(
      (p) => p.namespace === 'monitoring',
    )!;
    expect(pod.labels).toEqual({
      'app.kubernetes.io/name': 'node-exporter',
      'controller-revision-hash': expect.stringMatching(/^[bcdfghjklmnpqrstvwxz2456789]{10}$/),
      'pod-template-generation': '1',
    });
    expect(pod.ownerWorkload).toBe('DaemonSet monitoring/node-exporter');
  });

  it('keeps each node’s pod name when a node is added', () => {
    const before = placed(nodes + nodeExporter());
    const more = `${nodes}- apiVersion: v1\n  kind: Node\n  metadata: {name: worker-3}\n`;
    const after = placed(more + nodeExporter());
    expect(after.slice(0, 2)).toEqual(before);
    expect(after[2]).toMatch(/@worker-3$/);
  });

  it('warns, on the template, when no node accepts the pod', () => {
    const none = nodeExporter('\n      nodeSelector: {disk: nvme}');
    const w = warningsOf(withoutCoreDns(nodes + none));
    expect(w.map((d) => [d.field, d.message])).toContainEqual([
      'spec.template.spec.nodeSelector',
      'DaemonSet "monitoring/node-exporter" runs no pod: 0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn\'t match Pod\'s node affinity/selector',
    ]);
  });
});

const baseSpec: PodSpecInput = {
  nodeName: null,
  nodeSelector: {},
  tolerations: [
    { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', value: '', effect: 'NoSchedule' },
  ],
  schedulingPlace: { document: 0, line: 0, column: 0, field: '' },
  ports: [],
  hostNetwork: false,
  hostname: null,
  subdomain: null,
  dnsPolicy: 'ClusterFirst',
  dnsConfig: null,
  hostAliases: [],
};

describe('the controller’s tolerations', () => {
  it('are the six of AddOrUpdateDaemonPodTolerations (one of the same key and effect replaced), plus network-unavailable for hostNetwork pods', () => {
    const keys = (hostNetwork: boolean) =>
      daemonPodTolerations({ ...baseSpec, hostNetwork }).map((t) => `${t.key}:${t.effect}`);
    expect(keys(false)).toEqual([
      'node.kubernetes.io/not-ready:NoExecute',
      'node.kubernetes.io/unreachable:NoExecute',
      'node.kubernetes.io/disk-pressure:NoSchedule',
      'node.kubernetes.io/memory-pressure:NoSchedule',
      'node.kubernetes.io/pid-pressure:NoSchedule',
      'node.kubernetes.io/unschedulable:NoSchedule',
    ]);
    expect(keys(true)).toContain('node.kubernetes.io/network-unavailable:NoSchedule');
    expect(keys(false)).not.toContain('node-role.kubernetes.io/control-plane:NoSchedule');
  });
});

// `kubectl get ds,pods -n monitoring -o yaml` while the DaemonSet runs: its pods are the truth.
const dump = `apiVersion: v1
kind: List
items:
- apiVersion: apps/v1
  kind: DaemonSet
  metadata: {name: node-exporter, namespace: monitoring, generation: 1}
  spec:
    selector: {matchLabels: {app: node-exporter}}
    template:
      metadata: {labels: {app: node-exporter}}
      spec: {containers: [{name: node-exporter, image: quay.io/prometheus/node-exporter:v1.8.2, ports: [{containerPort: 9100}]}]}
  status: {currentNumberScheduled: 1, desiredNumberScheduled: 1, numberReady: 1}
- apiVersion: v1
  kind: Pod
  metadata:
    name: node-exporter-7xk2p
    namespace: monitoring
    labels: {app: node-exporter, controller-revision-hash: 6c9f8d7b5, pod-template-generation: "1"}
    ownerReferences: [{apiVersion: apps/v1, kind: DaemonSet, name: node-exporter, controller: true, blockOwnerDeletion: true, uid: 9d1c7a0e-2f4b-4c6d-8e1f-0a2b3c4d5e6f}]
  spec:
    nodeName: node-1
    containers: [{name: node-exporter, image: quay.io/prometheus/node-exporter:v1.8.2, ports: [{containerPort: 9100}]}]
  status: {phase: Running, podIP: 10.244.0.23, conditions: [{type: Ready, status: "True"}]}
`;

describe('state and intent', () => {
  it('keeps a dump’s running daemon pods and creates none beside them', () => {
    expect(placed(dump)).toEqual(['node-exporter-7xk2p@node-1']);
  });

  it('still treats flannel’s and kube-proxy’s DaemonSets as simulated components, with no pods', () => {
    const text =
      'apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: kube-proxy, namespace: kube-system}\nspec:\n  template:\n    spec: {hostNetwork: true, containers: [{name: kube-proxy}]}\n' +
      '---\napiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: kube-flannel-ds, namespace: kube-flannel}\nspec:\n  template:\n    spec: {hostNetwork: true, containers: [{name: kube-flannel}]}\n';
    expect(scenarioOf(withoutCoreDns(text)).pods).toEqual([]);
    expect(warningsOf(withoutCoreDns(text)).map((d) => d.message)).toEqual([
      expect.stringMatching(/^note: DaemonSet "kube-proxy" runs kube-proxy, which Podpath simulates/),
      expect.stringMatching(/^note: DaemonSet "kube-flannel-ds" runs flannel, which Podpath simulates/),
    ]);
  });
});
