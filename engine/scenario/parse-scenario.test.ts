import { describe, expect, it } from 'vitest';
import { formatCidr, formatIpv4 } from '../net/ipv4';
import { parseScenario } from './parse-scenario';
import { scenarioOf as parse, warningsOf, withoutCoreDns } from './test-helpers';

/** Most specs here look at the file's own objects: kubeadm's CoreDNS addon has its own spec below. */
const scenarioOf = (text: string) => parse(withoutCoreDns(text));

const deploymentAndService = `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx
        ports:
        - name: http
          containerPort: 8080
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports:
  - port: 80
    targetPort: http
`;

describe('defaults: every field has one', () => {
  it('reads an empty file as a two-node flannel VXLAN cluster behind iptables kube-proxy', () => {
    const s = parse('');
    expect(s.nodes.map((n) => [n.name, formatCidr(n.podCIDR), formatIpv4(n.internalIP), n.nicMtu])).toEqual([
      ['node-1', '10.244.0.0/24', '192.168.56.11', 1500],
      ['node-2', '10.244.1.0/24', '192.168.56.12', 1500],
    ]);
    expect(formatCidr(s.networking.podSubnet)).toBe('10.244.0.0/16');
    expect(formatCidr(s.networking.serviceSubnet)).toBe('10.96.0.0/12');
    expect(s.networking.dnsDomain).toBe('cluster.local');
    expect(s.kubeProxy).toMatchObject({
      mode: 'iptables',
      masqueradeAll: false,
      masqueradeBit: 14,
      localhostNodePorts: true,
      nodePortAddresses: [],
      ipvsScheduler: 'rr',
    });
    expect(s.kubeProxy.clusterCIDR && formatCidr(s.kubeProxy.clusterCIDR)).toBe('10.244.0.0/16');
    expect(s.flannel).toMatchObject({ backend: 'vxlan', vni: 1, port: 8472, ipMasq: true });
    expect(formatCidr(s.underlay.subnet)).toBe('192.168.56.0/24');
    expect(formatIpv4(s.underlay.gateway)).toBe('192.168.56.1');
    // kubeadm's CoreDNS addon: two replicas, spread over the nodes, behind kube-dns at the 10th address.
    expect(
      s.pods.map((p) => [
        p.namespace,
        p.name.replace(/-[a-z0-9]{10}-[a-z0-9]{5}$/, ''),
        p.nodeName,
        p.dnsPolicy,
      ]),
    ).toEqual([
      ['kube-system', 'coredns', 'node-2', 'Default'],
      ['kube-system', 'coredns', 'node-1', 'Default'],
    ]);
    expect(
      s.services.map((v) => [
        v.namespace,
        v.name,
        v.clusterIP === null ? null : formatIpv4(v.clusterIP),
        v.ports.map((p) => `${p.name}/${p.port}/${p.protocol}`),
      ]),
    ).toEqual([
      ['default', 'kubernetes', '10.96.0.1', ['https/443/TCP']],
      ['kube-system', 'kube-dns', '10.96.0.10', ['dns/53/UDP', 'dns-tcp/53/TCP', 'metrics/9153/TCP']],
    ]);
    expect(formatIpv4(s.dns.clusterDNS)).toBe('10.96.0.10');
    expect(s.dns.corefile.servers[0]!.kubernetes).toMatchObject({
      zones: ['cluster.local.', 'in-addr.arpa.', 'ip6.arpa.'],
      pods: 'insecure',
      ttl: 30,
    });
    expect(s.warnings).toEqual([]);
  });

  it('accepts a file holding only a Deployment and a Service', () => {
    const s = scenarioOf(deploymentAndService);
    expect(s.pods).toHaveLength(3);
    expect(s.services[0]).toMatchObject({
      type: 'ClusterIP',
      sessionAffinity: 'None',
      sessionAffinityTimeoutSeconds: 10800,
      externalTrafficPolicy: 'Cluster',
      internalTrafficPolicy: 'Cluster',
    });
    expect(s.services[0]!.ports).toEqual([
      { name: null, protocol: 'TCP', port: 80, targetPort: 'http', nodePort: 0 },
    ]);
  });

  it('treats a whitespace-only or comment-only file as empty', () => {
    expect(scenarioOf('# nothing here\n---\n---\n').nodes).toHaveLength(2);
  });
});

describe('Deployment pods are named like the ReplicaSet controller names them', () => {
  it('gives <deployment>-<10-char pod-template-hash>-<5-char suffix> in the safe alphabet, labelled pod-template-hash', () => {
    const pods = scenarioOf(deploymentAndService).pods;
    for (const pod of pods) {
      expect(pod.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{10}-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(pod.labels['pod-template-hash']).toBe(pod.name.split('-')[1]);
      expect(pod.ownerDeployment).toBe('default/web');
      expect(pod.ports).toEqual([{ name: 'http', containerPort: 8080, protocol: 'TCP' }]);
    }
    expect(new Set(pods.map((p) => p.name)).size).toBe(3);
  });

  it('gives the same names on every parse, and when the file is reformatted', () => {
    const first = scenarioOf(deploymentAndService).pods.map((p) => p.name);
    expect(scenarioOf(deploymentAndService).pods.map((p) => p.name)).toEqual(first);
    const moved = `# a comment moves everything down\n\n${deploymentAndService.replace('labels: {app: web}', 'labels:\n        app: web')}`;
    expect(scenarioOf(moved).pods.map((p) => p.name)).toEqual(first);
  });

  it('changes the template hash when the template changes', () => {
    const before = scenarioOf(deploymentAndService).pods[0]!.labels['pod-template-hash'];
    const after = scenarioOf(deploymentAndService.replace('containerPort: 8080', 'containerPort: 9090'))
      .pods[0]!.labels['pod-template-hash'];
    expect(after).not.toBe(before);
  });

  it('defaults replicas to 1 and allows 0', () => {
    const one = scenarioOf('apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a}\n');
    expect(one.pods).toHaveLength(1);
    const none = scenarioOf(
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a}\nspec: {replicas: 0}\n',
    );
    expect(none.pods).toHaveLength(0);
  });
});

describe('bare Pods', () => {
  it('reads readiness, termination, the pinned IP, host networking and DNS names', () => {
    const s = scenarioOf(`
apiVersion: v1
kind: Pod
metadata:
  name: p
  namespace: shop
  labels: {app: cart}
  deletionTimestamp: "2024-01-01T00:00:00Z"
spec:
  hostname: cart-0
  subdomain: cart
  containers:
  - name: c
    ports: [{containerPort: 53, protocol: UDP}]
status:
  podIP: 10.244.0.7
  conditions:
  - {type: Ready, status: "False"}
`);
    expect(s.pods[0]).toMatchObject({
      namespace: 'shop',
      name: 'p',
      ready: false,
      terminating: true,
      requestedIP: 0x0af40007,
      hostNetwork: false,
      hostname: 'cart-0',
      subdomain: 'cart',
      ports: [{ name: null, containerPort: 53, protocol: 'UDP' }],
      ownerDeployment: null,
    });
  });
});

describe('configuration documents', () => {
  it('reads kubeadm ClusterConfiguration, KubeProxyConfiguration and the flannel ConfigMap, in any order', () => {
    const s = scenarioOf(`
apiVersion: v1
kind: ConfigMap
metadata: {name: kube-flannel-cfg, namespace: kube-flannel}
data:
  net-conf.json: |
    {"Network": "10.10.0.0/16", "Backend": {"Type": "host-gw"}}
---
apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
mode: ipvs
ipvs: {scheduler: wrr}
iptables: {masqueradeAll: true, masqueradeBit: 15, localhostNodePorts: false}
nodePortAddresses: [192.168.56.0/24]
---
apiVersion: kubeadm.k8s.io/v1beta4
kind: ClusterConfiguration
networking:
  podSubnet: 10.10.0.0/16
  serviceSubnet: 10.100.0.0/16
  dnsDomain: corp.local
`);
    expect(formatCidr(s.networking.podSubnet)).toBe('10.10.0.0/16');
    expect(s.networking.dnsDomain).toBe('corp.local');
    expect(s.kubeProxy).toMatchObject({
      mode: 'ipvs',
      ipvsScheduler: 'wrr',
      masqueradeAll: true,
      masqueradeBit: 15,
      localhostNodePorts: false,
    });
    expect(s.kubeProxy.nodePortAddresses.map(formatCidr)).toEqual(['192.168.56.0/24']);
    expect(s.flannel).toMatchObject({ backend: 'host-gw', ipMasq: true });
    expect(formatCidr(s.flannel.network)).toBe('10.10.0.0/16');
    expect(s.nodes.map((n) => formatCidr(n.podCIDR))).toEqual(['10.10.0.0/24', '10.10.1.0/24']);
  });

  it('warns that userspace mode was removed, and reads nodePortAddresses "primary" as each node IP/32', () => {
    const text =
      'apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nmode: userspace\nnodePortAddresses: [primary]\n';
    expect(warningsOf(text).map((w) => w.field)).toEqual(['mode', 'nodePortAddresses']);
    const s = scenarioOf(text);
    expect(s.kubeProxy.mode).toBe('userspace');
    expect(s.kubeProxy.nodePortAddresses.map(formatCidr)).toEqual(['192.168.56.11/32', '192.168.56.12/32']);
  });

  it('gives flannel udp its own port, and flannel udp when net-conf.json has no Backend (flannel parseBackendType)', () => {
    const s = scenarioOf(
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: kube-flannel-cfg, namespace: kube-flannel}\ndata:\n  net-conf.json: \'{"Network": "10.244.0.0/16"}\'\n',
    );
    expect(s.flannel).toMatchObject({ backend: 'udp', port: 8285 });
  });

  it('warns about objects it does not simulate, naming kind, apiVersion and the document', () => {
    const w = warningsOf('apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: db}\n');
    expect(w).toMatchObject([
      { document: 0, line: 1, column: 1, message: 'CronJob "db" (batch/v1) is not simulated; ignored' },
    ]);
  });

  it('unwraps v1 List items', () => {
    const s = scenarioOf(
      'apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: Node, metadata: {name: x}}\n- {apiVersion: v1, kind: Node, metadata: {name: z}}\n',
    );
    expect(s.nodes.map((n) => n.name)).toEqual(['x', 'z']);
  });
});

describe('flows', () => {
  it('reads podpath.dev/v1alpha1 Flow', () => {
    const s = scenarioOf(
      'apiVersion: podpath.dev/v1alpha1\nkind: Flow\nmetadata: {name: f}\nspec: {from: pod/default/a, to: "svc/default/web:80"}\n',
    );
    expect(s.flows).toMatchObject([
      { name: 'f', from: 'pod/default/a', to: 'svc/default/web:80', protocol: 'TCP' },
    ]);
  });
});

describe('robustness', () => {
  it('never throws, whatever the input', () => {
    for (const text of [
      '\u0000',
      '- a\n- b',
      '[',
      ': :',
      'apiVersion: v1',
      '"',
      'kind: List\napiVersion: v1\nitems: 3',
      '!!binary x: 1',
    ]) {
      expect(() => parseScenario(text)).not.toThrow();
    }
  });
});
