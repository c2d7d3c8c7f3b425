// Errors about what the cluster adds by itself (the two default nodes, CoreDNS, the ingress-nginx
// controller's Service) have no line of their own: each points at the line that caused it.
import { describe, expect, it } from 'vitest';
import { loadCluster } from '../cluster/cluster';
import { formatDiagnostic } from './diagnostics';
import { renderedErrors, warningsOf } from './test-helpers';

const INGRESS = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web}
spec:
  ingressClassName: nginx
  defaultBackend: {service: {name: kubernetes, port: {number: 443}}}
`;

describe('errors about what the cluster adds, located', () => {
  it("flannel's Network not holding the default nodes' ranges: the Network line in net-conf.json", () => {
    const text = `apiVersion: v1
kind: ConfigMap
metadata: {name: kube-flannel-cfg, namespace: kube-flannel}
data:
  net-conf.json: |
    {
      "Network": "10.10.0.0/16",
      "Backend": {"Type": "vxlan"}
    }
`;
    expect(renderedErrors(text)).toEqual([
      'test.yaml:7:18: error: subnet "10.10.0.0/16" specified in the flannel net config doesn\'t contain "10.244.0.0/24" PodCIDR of the "node-1" node (document 1, field data.net-conf.json)',
      'test.yaml:7:18: error: subnet "10.10.0.0/16" specified in the flannel net config doesn\'t contain "10.244.1.0/24" PodCIDR of the "node-2" node (document 1, field data.net-conf.json)',
    ]);
  });

  it('a bad Network CIDR is reported on its own line too', () => {
    const text = `apiVersion: v1
kind: ConfigMap
metadata: {name: kube-flannel-cfg, namespace: kube-flannel}
data:
  net-conf.json: |
    {
      "Backend": {"Type": "vxlan"},
      "Network":   "10.10.0.0/99"
    }
`;
    const errors = renderedErrors(text);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^test\.yaml:8:20: error: .*10\.10\.0\.0\/99/);
  });

  it('a /24 podSubnet leaving node-2 nothing: the ClusterConfiguration podSubnet line', () => {
    const text = `apiVersion: kubeadm.k8s.io/v1beta4
kind: ClusterConfiguration
networking:
  podSubnet: 10.244.0.0/24
`;
    expect(renderedErrors(text)).toEqual([
      'test.yaml:4:14: error: no podCIDR left for node "node-2": the podSubnet 10.244.0.0/24 holds only 1 /24 ranges (kube-controller-manager: "CIDR allocation failed; there are no remaining CIDRs left to allocate in the accepted range") (document 1, field networking.podSubnet)',
    ]);
  });

  it('the same inside the kubeadm-config ConfigMap: the line within its ClusterConfiguration block', () => {
    const text = `apiVersion: v1
kind: ConfigMap
metadata: {name: kubeadm-config, namespace: kube-system}
data:
  ClusterConfiguration: |
    apiVersion: kubeadm.k8s.io/v1beta4
    kind: ClusterConfiguration
    networking:
      podSubnet: 10.244.0.0/24
`;
    expect(renderedErrors(text)[0]).toMatch(/^test\.yaml:9:18: error: no podCIDR left for node "node-2"/);
  });

  it('CoreDNS pods a small node podCIDR cannot address: that podCIDR line', () => {
    const text = `apiVersion: v1
kind: Node
metadata: {name: n1}
spec: {podCIDR: 10.244.0.0/30}
`;
    const { cluster, diagnostics } = loadCluster(text, 'test.yaml');
    expect(cluster).toBeNull();
    const errors = diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /^test\.yaml:4:17: error: pod kube-system\/coredns-\S+: FailedCreatePodSandBox: .*no IP addresses available in range set: 10\.244\.0\.1-10\.244\.0\.2 \(node n1's podCIDR 10\.244\.0\.0\/30 has no address left for it\) \(document 1, field spec\.podCIDR\)$/,
    );
  });

  it("CoreDNS pods on a default node the file's own pods filled: the file's failing Deployment", () => {
    const text = `apiVersion: apps/v1
kind: Deployment
metadata: {name: big}
spec:
  replicas: 520
  selector: {matchLabels: {app: big}}
  template:
    metadata: {labels: {app: big}}
    spec: {containers: [{name: c}]}
`;
    const errors = loadCluster(text, 'test.yaml').diagnostics.filter((d) => d.severity === 'error');
    const coredns = errors.filter((d) => d.message.includes('kube-system/coredns-'));
    expect(coredns).toHaveLength(2);
    for (const d of coredns) expect([d.document, d.line, d.column]).toEqual([0, 1, 1]);
    expect(errors.every((d) => d.line > 0)).toBe(true);
  });

  it("the controller's Service without a node port: the service-node-port-range line", () => {
    const text = `apiVersion: kubeadm.k8s.io/v1beta4
kind: ClusterConfiguration
apiServer:
  extraArgs:
  - name: service-node-port-range
    value: "30000-30001"
---
apiVersion: v1
kind: Service
metadata: {name: a}
spec: {type: NodePort, ports: [{port: 80, name: a}, {port: 81, name: b}]}
---
${INGRESS}`;
    expect(renderedErrors(text)).toEqual([
      'test.yaml:6:12: error: Service ingress-nginx/ingress-nginx-controller, which the cluster adds: failed to allocate a node port: the range 30000-30001 is full (document 1, field apiServer.extraArgs[0].value)',
    ]);
  });

  it("the controller's Service without a ClusterIP: the serviceSubnet line; kube-dns's error once, located", () => {
    const text = `apiVersion: kubeadm.k8s.io/v1beta4
kind: ClusterConfiguration
networking:
  serviceSubnet: 10.96.0.0/30
---
apiVersion: v1
kind: Service
metadata: {name: a}
spec: {ports: [{port: 80}]}
---
${INGRESS}`;
    expect(renderedErrors(text)).toEqual([
      'test.yaml:4:18: error: unable to get tenth IP address from service subnet CIDR 10.96.0.0/30: kubeadm needs it for the cluster DNS (document 1, field networking.serviceSubnet)',
      'test.yaml:4:18: error: Service ingress-nginx/ingress-nginx-controller, which the cluster adds: failed to allocate a ClusterIP: the range 10.96.0.0/30 is full (document 1, field networking.serviceSubnet)',
    ]);
  });

  it('kube-dns without its 10th address: one located error, no unlocated copy', () => {
    const text = `apiVersion: kubeadm.k8s.io/v1beta4
kind: ClusterConfiguration
networking:
  serviceSubnet: 10.96.0.0/29
`;
    expect(renderedErrors(text)).toEqual([
      'test.yaml:4:18: error: unable to get tenth IP address from service subnet CIDR 10.96.0.0/29: kubeadm needs it for the cluster DNS (document 1, field networking.serviceSubnet)',
    ]);
  });
});

describe('warnings about what the cluster adds, located', () => {
  const warnings = (text: string) =>
    warningsOf(text)
      .map(formatDiagnostic)
      .filter((w) => w.includes('which the cluster adds'));

  it('add-on pods Pending on every tainted node, and their Services selecting nothing: the taint line', () => {
    const node = (name: string) => `apiVersion: v1
kind: Node
metadata: {name: ${name}}
spec:
  taints:
  - {key: dedicated, value: gpu, effect: NoSchedule}
---
`;
    const taint = 'test.yaml:6:11: warning:';
    const where = '(document 1, field spec.taints[0].key)';
    const reason = '0/2 nodes are available: 2 node(s) had untolerated taint {dedicated: gpu}';
    expect(warnings(node('a') + node('b') + INGRESS)).toEqual([
      `${taint} every replica of Deployment "kube-system/coredns", which the cluster adds, stays Pending, so it has no address: ${reason} ${where}`,
      `${taint} every replica of Deployment "ingress-nginx/ingress-nginx-controller", which the cluster adds, stays Pending, so it has no address: ${reason} ${where}`,
      `${taint} Service kube-system/kube-dns, which the cluster adds: the selector {"k8s-app":"kube-dns"} matches no pod in namespace kube-system: the Service has no endpoints, so kube-proxy rejects its traffic ${where}`,
      `${taint} Service ingress-nginx/ingress-nginx-controller, which the cluster adds: the selector {"app.kubernetes.io/component":"controller","app.kubernetes.io/instance":"ingress-nginx","app.kubernetes.io/name":"ingress-nginx"} matches no pod in namespace ingress-nginx: the Service has no endpoints, so kube-proxy rejects its traffic ${where}`,
    ]);
  });

  it('a cordoned only node: the spec.unschedulable line', () => {
    const text = `apiVersion: v1
kind: Node
metadata: {name: only}
spec:
  unschedulable: true
`;
    expect(warnings(text)).toEqual([
      expect.stringMatching(
        /^test\.yaml:5:18: warning: every replica of Deployment "kube-system\/coredns", which the cluster adds, stays Pending.*\(document 1, field spec\.unschedulable\)$/,
      ),
      expect.stringMatching(
        /^test\.yaml:5:18: warning: Service kube-system\/kube-dns, which the cluster adds: the selector .*\(document 1, field spec\.unschedulable\)$/,
      ),
    ]);
  });

  it("the file's own controller elsewhere leaves the added controller Service empty: its Deployment's line", () => {
    const text = `apiVersion: apps/v1
kind: Deployment
metadata: {name: my-ingress-nginx-controller, namespace: edge}
spec:
  selector: {matchLabels: {app: ctl}}
  template:
    metadata: {labels: {app: ctl}}
    spec:
      containers:
      - name: controller
        image: registry.k8s.io/ingress-nginx/controller:v1.12.1
        args: [/nginx-ingress-controller, --watch-ingress-without-class=true]
---
${INGRESS}`;
    expect(warnings(text)).toEqual([
      expect.stringMatching(
        /^test\.yaml:3:18: warning: Service ingress-nginx\/ingress-nginx-controller, which the cluster adds: the selector .* matches no pod in namespace ingress-nginx: .*\(document 1, field metadata\.name\)$/,
      ),
    ]);
  });

  it("the file's own CoreDNS whose pods kube-dns does not select: its Deployment's line", () => {
    const text = `apiVersion: apps/v1
kind: Deployment
metadata: {name: coredns, namespace: kube-system}
spec:
  selector: {matchLabels: {app: dns}}
  template:
    metadata: {labels: {app: dns}}
    spec: {containers: [{name: coredns, image: registry.k8s.io/coredns/coredns:v1.11.3}]}
`;
    expect(warnings(text)).toEqual([
      expect.stringMatching(
        /^test\.yaml:3:18: warning: Service kube-system\/kube-dns, which the cluster adds: the selector \{"k8s-app":"kube-dns"\} matches no pod .*\(document 1, field metadata\.name\)$/,
      ),
    ]);
  });
});
