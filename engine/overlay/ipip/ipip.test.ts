// flannel's ipip backend on scenarios/flannel-ipip.yaml (a client on node-1, a server on node-2 behind a
// Service): what flanneld creates on a node (ipip.go: flannel.ipip with local = node IP, MTU − 20, a /32,
// one onlink route per remote lease via the peer's address), and the kernel's ipip driver carrying a
// packet between the nodes in an outer IPv4 header with protocol 4 and nothing else.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCluster } from '../../cluster/cluster';
import { renderDeviceAddr } from '../../inspect/ip-addr';
import { renderRoute } from '../../model/route-text';
import { formatIpv4 } from '../../net/ipv4';
import { createRequestHandler } from '../../request-handler';
import { traceConnection } from '../../trace/trace';
import type { TraceRequest } from '../../trace/request';
import { subnetEnvFor } from '../subnet-env';
import { IPIP_TUNNEL } from './tunnel';

const file = new URL('../../../scenarios/flannel-ipip.yaml', import.meta.url).pathname;
const text = readFileSync(file, 'utf8');

function cluster() {
  const { cluster: c } = loadCluster(text, 'flannel-ipip.yaml');
  return c!;
}

const toServer: TraceRequest = { from: 'pod/default/client', to: 'pod/default/server:8080', protocol: 'TCP' };

function trace(request: TraceRequest = toServer, c = cluster()) {
  return traceConnection(c, c, { seed: 1, ...request });
}

describe('flannel ipip backend: what flanneld creates on a node', () => {
  it('flannel.ipip: an ipip device, local = the node IP, MTU 1500 − 20, the lease network as a /32', () => {
    const c = cluster();
    const ns = c.netns('node/node-1');
    const dev = ns.devices.find((d) => d.name === 'flannel.ipip')!;
    expect(dev).toMatchObject({ kind: 'ipip', mtu: 1480, ifindex: 3 });
    expect(formatIpv4(dev.ipip!.local)).toBe('192.168.56.11');
    expect(dev.addresses.map((a) => `${formatIpv4(a.ip)}/${a.prefix}`)).toEqual(['10.244.0.0/32']);
    expect(ns.devices.some((d) => d.kind === 'vxlan' || d.kind === 'tun')).toBe(false);
    // NOARP, no MAC, no IPv6 link-local: iproute2 shows the tunnel's addresses as its link addresses.
    expect(renderDeviceAddr(dev, ns)).toEqual([
      '3: flannel.ipip@NONE: <NOARP,UP,LOWER_UP> mtu 1480 qdisc noqueue state UNKNOWN group default qlen 1000',
      '    link/ipip 192.168.56.11 brd 0.0.0.0',
      '    inet 10.244.0.0/32 scope global flannel.ipip',
      '       valid_lft forever preferred_lft forever',
    ]);
  });

  it('one route per remote lease, via the peer node IP on flannel.ipip, onlink; no neighbours, no FDB', () => {
    const ns = cluster().netns('node/node-1');
    const onTunnel = ns.routes.filter((r) => r.dev === 'flannel.ipip').map((r) => renderRoute(r));
    // `ip route` ends each line with a space.
    expect(onTunnel).toEqual(['10.244.1.0/24 via 192.168.56.12 dev flannel.ipip onlink ']);
    expect(ns.neighbours.filter((n) => n.dev === 'flannel.ipip')).toEqual([]);
    expect(ns.fdb.filter((f) => f.dev === 'flannel.ipip')).toEqual([]);
  });

  it('subnet.env and the pods get MTU 1480', () => {
    const c = cluster();
    expect(subnetEnvFor(c.scenario, c.scenario.nodes[0]!).mtu).toBe(1480);
    expect(c.netns('pod/default/client').devices.find((d) => d.name === 'eth0')!.mtu).toBe(1480);
  });

  it('the stage draws flannel.ipip as the tunnel, because the ipip driver owns it', () => {
    const handler = createRequestHandler();
    const loaded = handler.handle({ kind: 'load', text });
    if (loaded.kind !== 'loaded' || !loaded.summary) throw new Error(JSON.stringify(loaded));
    for (const node of loaded.summary.nodes)
      expect(node.devices!.filter((d) => d.tunnel).map((d) => `${d.name} ${d.kind}`)).toEqual([
        'flannel.ipip ipip',
      ]);
  });
});

describe('flannel ipip backend: the kernel ipip driver', () => {
  it('delivers a pod-to-pod packet across nodes and its reply, each leg encapsulated once', () => {
    const t = trace();
    expect(t.verdict).toBe('delivered');
    expect(t.reply?.verdict).toBe('delivered');
    const tunnel = (dir: 'request' | 'reply') =>
      t.hops
        .filter((h) => h.direction === dir && /-(en|de)cap$/.test(h.kind))
        .map((h) => `${h.kind} ${h.netns} ${h.device}`);
    expect(tunnel('request')).toEqual([
      'ipip-encap node/node-1 flannel.ipip',
      'ipip-decap node/node-2 flannel.ipip',
    ]);
    expect(tunnel('reply')).toEqual([
      'ipip-encap node/node-2 flannel.ipip',
      'ipip-decap node/node-1 flannel.ipip',
    ]);
    expect(t.hops.some((h) => h.kind === 'user-space')).toBe(false);
  });

  it('wraps the packet in one IPv4 header: node IP → peer node IP, protocol 4, no UDP, 20 bytes more', () => {
    const t = trace();
    const encap = t.hops.find((h) => h.kind === 'ipip-encap')!;
    const outer = encap.after;
    expect(formatIpv4(outer.ip.src)).toBe('192.168.56.11');
    expect(formatIpv4(outer.ip.dst)).toBe('192.168.56.12');
    expect(outer.l4.proto).toBe('ipip');
    expect(outer.encap?.kind).toBe('ipip');
    expect(outer.encap!.inner.eth).toBeNull();
    expect(outer.encap!.inner.ip).toEqual(encap.before.ip);
    expect(outer.ip.length).toBe(encap.before.ip.length + 20);
    // flannel leaves Ttl at 0 (inherit) and PMtuDisc at 0: the outer TTL and DF come from the inner packet.
    expect(outer.ip.ttl).toBe(encap.before.ip.ttl);
    expect(outer.ip.dontFragment).toBe(encap.before.ip.dontFragment);
    // On the underlay there is only that outer packet.
    const wire = t.hops.filter((h) => h.netns === 'underlay' && h.direction === 'request');
    expect(wire.length).toBeGreaterThan(0);
    expect(wire.every((h) => h.after.l4.proto === 'ipip' && h.after.encap?.kind === 'ipip')).toBe(true);
  });

  it("sends the outer packet as node-1's own (OUTPUT, POSTROUTING: no masquerade) and takes it after INPUT on node-2", () => {
    const t = trace();
    const request = t.hops.filter((h) => h.direction === 'request');
    const encap = request.findIndex((h) => h.kind === 'ipip-encap');
    const decap = request.findIndex((h) => h.kind === 'ipip-decap');
    const between = request.slice(encap + 1, decap).map((h) => `${h.kind} ${h.netns}`);
    expect(between).toContain('output node/node-1');
    expect(between).toContain('postrouting node/node-1');
    expect(between.at(-1)).toBe('input node/node-2');
    const post = request.slice(encap).find((h) => h.kind === 'postrouting')!;
    expect(post.nat).toBeUndefined();
    // The inner packet is received on flannel.ipip and routed to cni0, its TTL lowered only by the kernels.
    expect(request[decap + 1]).toMatchObject({ kind: 'prerouting', device: 'flannel.ipip' });
    const delivered = request.find((h) => h.kind === 'deliver')!;
    expect(delivered.after.ip.ttl).toBe(62);
    expect(formatIpv4(delivered.after.ip.src)).toBe('10.244.0.2');
  });

  it('a Service flow is DNATed on node-1, then crosses in IP-in-IP to the endpoint on node-2', () => {
    const t = trace({ from: 'pod/default/client', to: 'svc/default/server:http', protocol: 'TCP' });
    expect(t.verdict).toBe('delivered');
    expect(t.deliveredTo?.pod).toBe('default/server');
    const dnat = t.hops.findIndex((h) => h.nat?.kind === 'DNAT');
    const encap = t.hops.findIndex((h) => h.kind === 'ipip-encap');
    expect(dnat).toBeGreaterThanOrEqual(0);
    expect(encap).toBeGreaterThan(dnat);
  });

  it('leaves an IP-in-IP packet for another address, and any other packet, to the rest of the stack', () => {
    const c = cluster();
    const t = trace();
    const outer = t.hops.find((h) => h.kind === 'ipip-encap')!.after;
    const node2 = c.netns('node/node-2');
    const node1 = c.netns('node/node-1');
    const ctx = {} as Parameters<typeof IPIP_TUNNEL.decapsulate>[0];
    // node-1's flannel.ipip has local 192.168.56.11: not this packet's destination.
    expect(IPIP_TUNNEL.decapsulate(ctx, node1, { packet: outer, ct: null })).toBeUndefined();
    const inner = outer.encap!.inner;
    expect(IPIP_TUNNEL.decapsulate(ctx, node2, { packet: inner, ct: null })).toBeUndefined();
  });
});
