import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRequestHandler } from '../request-handler';
import type { ScenarioSummary } from '../protocol';

function summaryOf(file: string, edit: (yaml: string) => string = (y) => y): ScenarioSummary {
  const text = edit(readFileSync(new URL(`../../scenarios/${file}`, import.meta.url), 'utf8'));
  const reply = createRequestHandler().handle({ kind: 'load', text });
  if (reply.kind !== 'loaded' || !reply.summary) throw new Error(JSON.stringify(reply));
  return reply.summary;
}

const names = (s: ScenarioSummary, i = 0) => s.nodes[i]!.devices!.map((d) => d.name);

describe('the devices the stage draws come from each node namespace', () => {
  it('vxlan: flannel.1 (a vxlan device with the node subnet .0/32) between cni0 and the NIC', () => {
    const s = summaryOf('default.yaml');
    expect(names(s)).toEqual(['eth0', 'flannel.1', 'cni0']);
    const vtep = s.nodes[0]!.devices!.find((d) => d.name === 'flannel.1')!;
    expect(vtep).toMatchObject({ kind: 'vxlan', uplink: false, tunnel: true, addresses: ['10.244.0.0/32'] });
    expect(s.nodes[0]!.devices!.filter((d) => d.tunnel).map((d) => d.name)).toEqual(['flannel.1']);
    expect(s.nodes[0]!.devices!.find((d) => d.uplink)!.name).toBe('eth0');
    expect(s.nodes[0]!.processes).toEqual([]);
  });

  it('host-gw: no tunnel device at all, the NIC carries pod traffic', () => {
    const s = summaryOf('host-gw.yaml');
    for (const [i] of s.nodes.entries()) expect(names(s, i)).toEqual(['eth0', 'cni0']);
    expect(s.nodes.flatMap((n) => n.devices!.filter((d) => d.tunnel))).toEqual([]);
  });

  it('IPVS: kube-ipvs0 (a dummy device) holding every ClusterIP as a /32', () => {
    const s = summaryOf('ipvs-mode.yaml');
    const ipvs = s.nodes[0]!.devices!.find((d) => d.name === 'kube-ipvs0')!;
    expect(ipvs.kind).toBe('dummy');
    const clusterIPs = s.services.flatMap((v) => (v.clusterIP ? [`${v.clusterIP}/32`] : []));
    for (const ip of clusterIPs) expect(ipvs.addresses).toContain(ip);
  });

  it('userspace: kube-proxy is a process on every node, listening on one port per Service port', () => {
    const s = summaryOf('userspace-mode.yaml');
    const proxy = s.nodes[0]!.processes!.find((p) => p.name === 'kube-proxy')!;
    const ports = s.services.reduce((n, v) => n + v.ports.length, 0);
    expect(proxy.listens).toHaveLength(ports);
    expect(names(s)).not.toContain('kube-ipvs0');
  });

  it('udp: flannel0 (a TUN device) and flanneld reading it', () => {
    const s = summaryOf('default.yaml', (y) => y.replace(/"Type":\s*"vxlan"/, '"Type": "udp"'));
    expect(names(s)).toContain('flannel0');
    expect(names(s)).not.toContain('flannel.1');
    expect(s.nodes[0]!.devices!.find((d) => d.name === 'flannel0')!).toMatchObject({
      kind: 'tun',
      tunnel: true,
    });
    expect(s.nodes[0]!.devices!.filter((d) => d.tunnel).map((d) => d.name)).toEqual(['flannel0']);
    expect(s.nodes[0]!.processes!.map((p) => p.name)).toEqual(['flanneld']);
  });
});
