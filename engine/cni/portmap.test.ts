// The portmap plugin's rules, checked against the plugin's own unit tests (containernetworking/plugins
// plugins/meta/portmap/portmap_iptables_test.go), and a hostPort pod on a cluster node: its nat chains sit
// after kube-proxy's, a connection from outside to <node>:<hostPort> reaches the pod, other nodes stay closed.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCluster } from '../cluster/cluster';
import { iptablesSave } from '../netfilter/iptables-save';
import { Ruleset } from '../netfilter/ruleset';
import { traceConnection } from '../trace/trace';
import { errorsOf, scenarioOf } from '../scenario/test-helpers';
import { installPortmapRules, type PortMapping, portmapChainName, portmapRules } from './portmap';

const longId =
  'icee6giejonei6sohng6ahngee7laquohquee9shiGo7fohferakah3Feiyoolu2pei7ciPhoh7shaoX6vai3vuf0ahfaeng8yohb9ceu0daez5hashee8ooYai5wa3y';

describe('portmap chain names (MustFormatChainNameWithPrefix: sha512 hex, 28 characters)', () => {
  it("gives the plugin test's names", () => {
    expect(portmapChainName('testNetName', longId)).toBe('CNI-DN-bfd599665540dd91d5d28');
    expect(portmapChainName('test', longId)).toBe('CNI-DN-67e92b96e692a494b6b85');
  });
});

describe('portmap rules (fillDnatRules)', () => {
  const mappings: PortMapping[] = [
    { hostPort: 8080, containerPort: 80, protocol: 'tcp', hostIP: '' },
    { hostPort: 8081, containerPort: 80, protocol: 'tcp', hostIP: '' },
    { hostPort: 8080, containerPort: 81, protocol: 'udp', hostIP: '' },
    { hostPort: 8082, containerPort: 82, protocol: 'udp', hostIP: '' },
    { hostPort: 8083, containerPort: 83, protocol: 'tcp', hostIP: '192.168.0.2' },
    { hostPort: 8084, containerPort: 84, protocol: 'tcp', hostIP: '0.0.0.0' },
    { hostPort: 8085, containerPort: 85, protocol: 'tcp', hostIP: '2001:db8:a::1' },
  ];
  const rules = portmapRules('test', longId, 0x0a000002, 24, mappings);
  const chain = 'CNI-DN-67e92b96e692a494b6b85';

  it("writes the plugin test's container chain: two mark rules then the DNAT per IPv4 mapping", () => {
    expect(rules.filter((r) => r.rule.chain === chain).map((r) => r.rule.args.join(' '))).toEqual([
      '-p tcp --dport 8080 -s 10.0.0.2/24 -j CNI-HOSTPORT-SETMARK',
      '-p tcp --dport 8080 -s 127.0.0.1 -j CNI-HOSTPORT-SETMARK',
      '-p tcp --dport 8080 -j DNAT --to-destination 10.0.0.2:80',
      '-p tcp --dport 8081 -s 10.0.0.2/24 -j CNI-HOSTPORT-SETMARK',
      '-p tcp --dport 8081 -s 127.0.0.1 -j CNI-HOSTPORT-SETMARK',
      '-p tcp --dport 8081 -j DNAT --to-destination 10.0.0.2:80',
      '-p udp --dport 8080 -s 10.0.0.2/24 -j CNI-HOSTPORT-SETMARK',
      '-p udp --dport 8080 -s 127.0.0.1 -j CNI-HOSTPORT-SETMARK',
      '-p udp --dport 8080 -j DNAT --to-destination 10.0.0.2:81',
      '-p udp --dport 8082 -s 10.0.0.2/24 -j CNI-HOSTPORT-SETMARK',
      '-p udp --dport 8082 -s 127.0.0.1 -j CNI-HOSTPORT-SETMARK',
      '-p udp --dport 8082 -j DNAT --to-destination 10.0.0.2:82',
      '-p tcp --dport 8083 -d 192.168.0.2 -s 10.0.0.2/24 -j CNI-HOSTPORT-SETMARK',
      '-p tcp --dport 8083 -d 192.168.0.2 -s 127.0.0.1 -j CNI-HOSTPORT-SETMARK',
      '-p tcp --dport 8083 -d 192.168.0.2 -j DNAT --to-destination 10.0.0.2:83',
      '-p tcp --dport 8084 -s 10.0.0.2/24 -j CNI-HOSTPORT-SETMARK',
      '-p tcp --dport 8084 -s 127.0.0.1 -j CNI-HOSTPORT-SETMARK',
      '-p tcp --dport 8084 -j DNAT --to-destination 10.0.0.2:84',
    ]);
  });

  it('enters the chain once per protocol (sorted), every port of the protocol listed, each entry prepended', () => {
    const entries = rules.filter((r) => r.rule.chain === 'CNI-HOSTPORT-DNAT');
    const comment = `"dnat name: \\"test\\" id: \\"${longId}\\""`;
    expect(entries.map((r) => [r.prepend, r.rule.args.join(' ')])).toEqual([
      [
        true,
        `-m comment --comment ${comment} -m multiport -p tcp --destination-ports 8080,8081,8083,8084,8085 -j ${chain}`,
      ],
      [true, `-m comment --comment ${comment} -m multiport -p udp --destination-ports 8080,8082 -j ${chain}`],
    ]);
  });

  it('loads into a ruleset as iptables-save prints it, and a second ADD adds no copy of the shared rules', () => {
    const ruleset = new Ruleset();
    ruleset.ensureTable('nat');
    const one = portmapRules('cbr0', 'a'.repeat(64), 0x0af40002, 24, [
      { hostPort: 80, containerPort: 8080, protocol: 'tcp', hostIP: '' },
    ]);
    const two = portmapRules('cbr0', 'b'.repeat(64), 0x0af40003, 24, [
      { hostPort: 81, containerPort: 8080, protocol: 'tcp', hostIP: '' },
    ]);
    installPortmapRules(ruleset, one);
    installPortmapRules(ruleset, two);
    const saved = iptablesSave(ruleset).split('\n');
    expect(saved.filter((l) => l.startsWith('-A POSTROUTING') || l.startsWith('-A PREROUTING'))).toEqual([
      '-A PREROUTING -m addrtype --dst-type LOCAL -j CNI-HOSTPORT-DNAT',
      '-A POSTROUTING -m comment --comment "CNI portfwd requiring masquerade" -j CNI-HOSTPORT-MASQ',
    ]);
    // The newer container's entry comes first (genDnatChain prependEntry).
    expect(saved.filter((l) => l.startsWith('-A CNI-HOSTPORT-DNAT')).map((l) => l.split(' -j ')[1])).toEqual([
      portmapChainName('cbr0', 'b'.repeat(64)),
      portmapChainName('cbr0', 'a'.repeat(64)),
    ]);
    expect(saved).toContain(
      `-A ${portmapChainName('cbr0', 'a'.repeat(64))} -s 10.244.0.0/24 -p tcp -m tcp --dport 80 -j CNI-HOSTPORT-SETMARK`,
    );
    expect(saved.filter((l) => l.startsWith('-A CNI-HOSTPORT-SETMARK'))).toEqual([
      '-A CNI-HOSTPORT-SETMARK -m comment --comment "CNI portfwd masquerade mark" -j MARK --set-xmark 0x2000/0x2000',
    ]);
  });
});

const kind = readFileSync(new URL('../scenario/testdata/kind-ingress-nginx.yaml', import.meta.url), 'utf8');

describe("hostPort on a node (kind's ingress-nginx controller, hostPort 80 and 443)", () => {
  const { cluster, diagnostics } = loadCluster(kind);
  if (!cluster) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  const controller = cluster.scenario.pods.find((p) => p.namespace === 'ingress-nginx')!;

  it('reads hostPort into the pod and portmap chains into its node only, after kube-proxy and before flanneld', () => {
    expect(controller.nodeName).toBe('kind-control-plane');
    expect(controller.ports.filter((p) => p.hostPort).map((p) => [p.hostPort, p.containerPort])).toEqual([
      [80, 80],
      [443, 443],
    ]);
    const nat = (node: string, chain: string) =>
      cluster
        .nodeRuleset(node)
        .chain('nat', chain)
        ?.rules.map((r) => r.args.at(-1)) ?? [];
    expect(nat('kind-control-plane', 'PREROUTING')).toEqual(['KUBE-SERVICES', 'CNI-HOSTPORT-DNAT']);
    expect(nat('kind-control-plane', 'OUTPUT')).toEqual(['KUBE-SERVICES', 'CNI-HOSTPORT-DNAT']);
    expect(nat('kind-control-plane', 'POSTROUTING')).toEqual([
      'CNI-HOSTPORT-MASQ',
      'KUBE-POSTROUTING',
      'FLANNEL-POSTRTG',
    ]);
    expect(nat('kind-worker', 'PREROUTING')).toEqual(['KUBE-SERVICES']);
  });

  it('delivers a connection from outside to <node>:80 at the controller pod, keeping the client address', () => {
    const t = traceConnection(cluster, cluster, {
      from: 'external/203.0.113.10',
      to: '172.18.0.2:443',
      seed: 1,
    });
    expect(t.verdict).toBe('delivered');
    expect(t.deliveredTo?.pod).toBe(`ingress-nginx/${controller.name}`);
    expect(t.deliveredTo?.port).toBe(443);
    const deliver = t.hops.find((h) => h.kind === 'deliver')!;
    expect(deliver.after.ip.src).toBe(0xcb00710a);
    const dnat = t.hops.find((h) => h.nat?.kind === 'DNAT')!;
    expect(dnat.rules.some((v) => 'args' in v.rule && v.rule.chain === 'CNI-HOSTPORT-DNAT')).toBe(true);
    expect(t.reply?.verdict).toBe('delivered');
  });

  it('leaves port 80 closed on a node without the pod', () => {
    const t = traceConnection(cluster, cluster, {
      from: 'external/203.0.113.10',
      to: '172.18.0.3:80',
      seed: 1,
    });
    expect(t.verdict).toBe('rejected');
  });

  it('shows portmap as the last CNI ADD step, and its teardown at DEL', () => {
    const key = `ingress-nginx/${controller.name}`;
    const add = cluster.cniProcess(key);
    const step = add.steps.at(-1)!;
    expect(step.kind).toBe('portmap');
    expect(step.commands.at(-1)).toMatch(
      /^iptables -t nat -I CNI-HOSTPORT-DNAT 1 .* --destination-ports 80,443 -j CNI-DN-/,
    );
    expect(cluster.cniProcess(key, 'DEL').steps[0]!.commands).toContain(
      `iptables -t nat -X ${portmapChainName('cbr0', add.containerId)}`,
    );
  });
});

describe('hostPort in a pod spec', () => {
  const pod = (port: string, extra = '') => `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  nodeName: node-1${extra}
  containers: [{name: c, ports: [${port}]}]
`;
  it('takes hostPort 0 as none, and needs hostPort = containerPort on the host network', () => {
    expect(scenarioOf(pod('{containerPort: 80, hostPort: 0}')).pods[0]!.ports[0]).toEqual({
      name: null,
      containerPort: 80,
      protocol: 'TCP',
    });
    expect(errorsOf(pod('{containerPort: 80, hostPort: 81}', '\n  hostNetwork: true'))).toContainEqual(
      expect.objectContaining({
        severity: 'error',
        field: expect.stringContaining('hostPort'),
        message: expect.stringContaining('must match `containerPort` when `hostNetwork` is true'),
      }),
    );
  });
});
