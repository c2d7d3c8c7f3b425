// kube-proxy's IPVS mode as specifications: what is bound to kube-ipvs0, the ip sets' entries, the virtual
// services with their flags and real servers (including the Local fallback), and the iptables rules that
// remain. testdata/iptables-save.ipvs-mode-node-1.txt is what iptables-save 1.8.9 printed after these rules
// (with flanneld's and kubelet's) were loaded with iptables-restore into a throwaway network namespace
// holding the same ip sets; the kernel has no ip_vs, so ipvsadm's output is checked against its printf
// formats (ipvsadm.c print_service_entry) instead.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCluster } from '../../cluster/cluster';
import { IPVS_MODE } from './mode';
import { ipvsadmList, realServerLine } from '../../ipvs/ipvsadm';
import { formatIpv4, ipv4 } from '../../net/ipv4';
import { iptablesSave } from '../../netfilter/iptables-save';
import { ipsetEntryText, ipsetList } from '../../netfilter/ipset';
import { runCli } from '../../cli/main';

const scenario = readFileSync(new URL('../../../scenarios/ipvs-mode.yaml', import.meta.url), 'utf8');
const { cluster } = loadCluster(scenario, 'ipvs-mode.yaml');
if (!cluster) throw new Error('scenario failed to load');
const result = cluster.proxyRules(IPVS_MODE, 'node-1');

describe('kube-proxy IPVS mode', () => {
  it('binds ClusterIPs (never node IPs) to kube-ipvs0 and mirrors them in KUBE-IPVS-IPS', () => {
    const bound = result.boundAddresses.map(formatIpv4);
    expect(bound).toContain('10.96.0.80');
    expect(bound).not.toContain('192.168.56.11');
    const ips = result.ipsets.find((s) => s.name === 'KUBE-IPVS-IPS')!;
    expect(
      ips
        .members()
        .map((e) => ipsetEntryText('hash:ip', e))
        .sort(),
    ).toEqual([...bound].sort());
    const dev = cluster.netns('node/node-1').devices.find((d) => d.name === 'kube-ipvs0')!;
    expect(dev.kind).toBe('dummy');
    expect(dev.addresses.every((a) => a.prefix === 32)).toBe(true);
  });

  it("writes ip set entries in ipset's own text", () => {
    const text = (name: string): string[] => {
      const set = result.ipsets.find((s) => s.name === name)!;
      return set.members().map((e) => ipsetEntryText(set.type, e));
    };
    expect(text('KUBE-CLUSTER-IP')).toContain('10.96.0.80,tcp:80');
    expect(text('KUBE-CLUSTER-IP')).toContain('10.96.0.10,udp:53');
    expect(text('KUBE-NODE-PORT-TCP')).toEqual(['30080', '30090']);
    expect(text('KUBE-NODE-PORT-LOCAL-TCP')).toEqual(['30090']);
    // Hairpin entries only for endpoints on this node.
    expect(text('KUBE-LOOP-BACK')).toContain('10.244.0.3,tcp:8080,10.244.0.3');
    expect(text('KUBE-LOOP-BACK').some((e) => e.startsWith('10.244.1.'))).toBe(false);
  });

  it('has a virtual service per ClusterIP and per node address for NodePorts, real servers Masq weight 1', () => {
    const web = result.table.lookup('TCP', ipv4('10.96.0.80'), 80)!;
    expect(web.scheduler).toBe('rr');
    expect(
      web.destinations.map((d) => `${formatIpv4(d.address)}:${d.port} ${d.forward} ${d.weight}`).sort(),
    ).toEqual(['10.244.0.3:8080 Masq 1', '10.244.1.2:8080 Masq 1']);
    for (const ip of ['192.168.56.11', '10.244.0.0', '10.244.0.1'])
      expect(result.table.lookup('TCP', ipv4(ip), 30080)).toBeDefined();
    expect(result.table.lookup('TCP', ipv4('127.0.0.1'), 30080)).toBeUndefined();
  });

  it('sets persistence for sessionAffinity ClientIP', () => {
    expect(result.table.lookup('TCP', ipv4('10.96.0.81'), 80)!.persistentTimeout).toBe(10800);
  });

  it('falls back to every endpoint when Local finds none on this node (PR 97081)', () => {
    // solo runs on node-2 only; node-1's NodePort still has it as a real server.
    const vs = result.table.lookup('TCP', ipv4('192.168.56.11'), 30090)!;
    expect(vs.destinations.map((d) => formatIpv4(d.address))).toEqual(['10.244.1.3']);
  });

  it('prints ipvsadm -Ln with its widths, sorted as libipvs compares (with its int wrap)', () => {
    const text = ipvsadmList(result.table);
    const lines = text.split('\n');
    expect(lines.slice(0, 3)).toEqual([
      'IP Virtual Server version 1.2.1 (size=4096)',
      'Prot LocalAddress:Port Scheduler Flags',
      '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn',
    ]);
    // 0xC0A8380B - 0x0A600050 overflows an int: 192.168.56.11 sorts before 10.96.0.10.
    expect(lines[3]).toBe('TCP  192.168.56.11:30080 rr');
    expect(text).toContain('TCP  10.96.0.81:80 rr persistent 10800\n');
    expect(realServerLine({ address: ipv4('10.244.1.2'), port: 8080, weight: 1, forward: 'Masq' })).toBe(
      '  -> 10.244.1.2:8080              Masq    1      0          0         ',
    );
    expect(text.indexOf('UDP  10.96.0.10:53')).toBeGreaterThan(text.indexOf('TCP  10.244.0.1:30090'));
  });

  it('prints ipset list as ipset 7.17 does', () => {
    const sets = result.ipsets.filter((s) => s.name === 'KUBE-NODE-PORT-TCP' || s.name === 'KUBE-CLUSTER-IP');
    const text = ipsetList(sets, () => 1);
    expect(text).toContain(
      'Name: KUBE-CLUSTER-IP\nType: hash:ip,port\nRevision: 7\nHeader: family inet hashsize 1024 maxelem 65536 bucketsize 12 initval 0x',
    );
    expect(text).toContain(
      'Size in memory: 600\nReferences: 1\nNumber of entries: 8\nMembers:\n10.96.0.1,tcp:443\n10.96.0.10,tcp:53\n',
    );
    expect(text).toContain(
      'Name: KUBE-NODE-PORT-TCP\nType: bitmap:port\nRevision: 3\nHeader: range 0-65535\nSize in memory: 8264\n',
    );
  });

  it('leaves a fixed set of iptables rules, saved exactly as the kernel saved them', () => {
    const expected = readFileSync(
      new URL('./testdata/iptables-save.ipvs-mode-node-1.txt', import.meta.url),
      'utf8',
    );
    expect(iptablesSave(cluster.nodeRuleset('node-1'))).toBe(expected);
  });

  it('writes set rules only for sets with entries, and does not grow with Services', () => {
    const nat = result.natRules.map((r) => r.args.join(' '));
    expect(nat.some((a) => a.includes('KUBE-LOAD-BALANCER dst,dst'))).toBe(false);
    expect(nat.some((a) => a.includes('KUBE-EXTERNAL-IP'))).toBe(false);
    expect(result.natRules.length + result.filterRules.length).toBeLessThan(25);
  });

  it('podpath rules prints the deprecation, ipvsadm, ipset and iptables-save', async () => {
    const out: string[] = [];
    const code = await runCli(['rules', 'scenarios/ipvs-mode.yaml', '--node', 'node-1'], {
      out: (t) => out.push(t),
      err: () => {},
    });
    expect(code).toBe(0);
    const text = out.join('');
    expect(text).toMatch(/deprecated since Kubernetes v1\.35/);
    for (const section of ['# ipvsadm -Ln', '# ipset list', '# iptables-save'])
      expect(text).toContain(section);
  });

  it('podpath rules --mode userspace explains the removal and the REDIRECT to the proxy port', async () => {
    const out: string[] = [];
    await runCli(['rules', 'scenarios/ipvs-mode.yaml', '--node', 'node-1', '--mode', 'userspace'], {
      out: (t) => out.push(t),
      err: () => {},
    });
    const text = out.join('');
    expect(text).toMatch(/removed from Kubernetes in v1\.26/);
    expect(text).toMatch(
      /-A KUBE-PORTALS-CONTAINER -d 10\.96\.0\.80\/32 -p tcp .* -j REDIRECT --to-ports \d+/,
    );
    expect(text).toMatch(/SECOND connection/);
  });
});
