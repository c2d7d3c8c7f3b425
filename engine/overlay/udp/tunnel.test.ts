// flanneld's relay in the udp backend, on the conformance scenario the kernel lab also builds (a client and
// web-a on node-1, web-b on node-2): the packet leaves through flannel0 into flanneld and crosses the
// underlay in UDP 8285 between the node IPs, with each kernel↔user copy a hop, and nothing of VXLAN.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCluster } from '../../cluster/cluster';
import { formatIpv4 } from '../../net/ipv4';
import { traceConnection } from '../../trace/trace';
import type { TraceRequest } from '../../trace/request';
import { subnetEnvFor } from '../subnet-env';

const file = new URL('../../../scenarios/conformance/16-flannel-udp.yaml', import.meta.url).pathname;

function cluster(port?: number) {
  let text = readFileSync(file, 'utf8');
  if (port !== undefined) text = text.replace('"Type": "udp"', `"Type": "udp", "Port": ${port}`);
  const { cluster: c } = loadCluster(text, 'udp.yaml');
  return c!;
}

function trace(request: TraceRequest, c = cluster()) {
  return traceConnection(c, c, { seed: 1, ...request });
}

const toWebB: TraceRequest = { from: 'pod/default/client', to: 'pod/default/web-b:8080', protocol: 'TCP' };

describe('flannel udp backend: flanneld relays through flannel0 and UDP 8285', () => {
  it('delivers a pod-to-pod packet across nodes, and its reply, with no VXLAN hop', () => {
    const t = trace(toWebB);
    expect(t.verdict).toBe('delivered');
    expect(t.reply?.verdict).toBe('delivered');
    expect(t.hops.some((h) => h.kind.startsWith('vxlan') || h.device.startsWith('flannel.'))).toBe(false);
    const kinds = (dir: 'request' | 'reply') =>
      t.hops
        .filter((h) => h.direction === dir && /user-space|udp-(en|de)cap/.test(h.kind))
        .map((h) => h.kind);
    const relay = ['user-space', 'udp-encap', 'user-space', 'user-space', 'udp-decap', 'user-space'];
    expect(kinds('request')).toEqual(relay);
    expect(kinds('reply')).toEqual(relay);
  });

  it('marks each crossing between kernel and flanneld, in order', () => {
    const crossings = trace(toWebB)
      .hops.filter((h) => h.direction === 'request' && h.process)
      .map((h) => `${h.netns} ${h.device} ${h.process!.name} ${h.process!.crossing}`);
    expect(crossings).toEqual([
      'node/node-1 flannel0 flanneld kernel-to-user',
      'node/node-1 - flanneld user-to-kernel',
      'node/node-2 - flanneld kernel-to-user',
      'node/node-2 flannel0 flanneld user-to-kernel',
    ]);
  });

  it('sends UDP from node IP:8285 to the peer node IP:8285 with the bare IP packet as payload (28 bytes more)', () => {
    const t = trace(toWebB);
    const encap = t.hops.find((h) => h.kind === 'udp-encap')!;
    const outer = encap.after;
    expect(formatIpv4(outer.ip.src)).toBe('192.168.56.11');
    expect(formatIpv4(outer.ip.dst)).toBe('192.168.56.12');
    expect(outer.l4).toMatchObject({ proto: 'udp', sport: 8285, dport: 8285 });
    expect(outer.encap?.kind).toBe('udp');
    expect(outer.encap!.inner.eth).toBeNull();
    expect(outer.ip.length).toBe(encap.before.ip.length + 28);
    // What the underlay carries is only that datagram.
    const wire = t.hops.filter((h) => h.netns === 'underlay' && h.direction === 'request');
    expect(wire.length).toBeGreaterThan(0);
    expect(wire.every((h) => h.after.encap?.kind === 'udp' && h.after.l4.dport === 8285)).toBe(true);
  });

  it("sends the datagram as the node's own packet: OUTPUT and POSTROUTING, where no masquerade rule matches", () => {
    const t = trace(toWebB);
    const i = t.hops.findIndex((h) => h.kind === 'udp-encap');
    const after = t.hops.slice(i, i + 8);
    expect(after.map((h) => h.kind)).toContain('output');
    const post = after.find((h) => h.kind === 'postrouting')!;
    expect(post.nat).toBeUndefined();
    expect(post.rules.filter((r) => r.matched).map((r) => r.rule.chain)).not.toContain('FLANNEL-POSTRTG');
    expect(formatIpv4(post.after.ip.src)).toBe('192.168.56.11');
  });

  it('lowers the inner TTL in both flanneld processes, as well as in both kernels', () => {
    const t = trace(toWebB);
    const delivered = t.hops.find((h) => h.direction === 'request' && h.kind === 'deliver')!;
    expect(delivered.after.ip.ttl).toBe(60);
  });

  it('uses Backend.Port for both ends', () => {
    const t = trace(toWebB, cluster(9000));
    expect(t.verdict).toBe('delivered');
    expect(t.hops.find((h) => h.kind === 'udp-encap')!.after.l4).toMatchObject({ sport: 9000, dport: 9000 });
  });

  it('gives pods MTU 1472 and answers a DF packet over 1472 with fragmentation needed (mtu 1472)', () => {
    const c = cluster();
    expect(subnetEnvFor(c.scenario, c.scenario.nodes[0]!).mtu).toBe(1472);
    const eth0 = c.netns('pod/default/client').devices.find((d) => d.name === 'eth0')!;
    expect(eth0.mtu).toBe(1472);
    const t = trace({
      from: 'external/203.0.113.10',
      to: 'svc/default/dns:dns',
      protocol: 'UDP',
      size: 1500,
    });
    expect(t.verdict).toBe('dropped');
    const icmp = t.hops.find((h) => h.direction === 'reply' && h.kind === 'deliver')!.after.l4.icmp;
    expect(icmp).toMatchObject({ type: 3, code: 4, mtu: 1472 });
  });

  it('a NodePort packet crossing to the other node is masqueraded to flannel0’s address', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const t = trace({ from: 'external/203.0.113.10', to: 'svc/default/web:http', protocol: 'TCP', seed });
      if (t.deliveredTo?.pod !== 'default/web-b') continue;
      const deliver = t.hops.find((h) => h.direction === 'request' && h.kind === 'deliver')!;
      expect(formatIpv4(deliver.after.ip.src)).toBe('10.244.0.0');
      return;
    }
    throw new Error('no seed reached web-b');
  });
});
