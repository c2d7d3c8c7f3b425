// Issue 12: a client inside the underlay's own subnet (a laptop on the nodes' LAN) is on their L2 segment:
// it ARPs for the node it connects to, with no router hop, and reaches a NodePort on every node.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCluster } from '../cluster/cluster';
import { traceConnection } from './trace';

const file = new URL('../../scenarios/conformance/15-lan-client-nodeport.yaml', import.meta.url).pathname;

describe('a client on the nodes’ LAN', () => {
  const { cluster } = loadCluster(readFileSync(file, 'utf8'), file);
  it.each(['172.31.5.11', '172.31.5.12'])('reaches the NodePort on %s, resolving the node by ARP', (node) => {
    const t = traceConnection(cluster!, cluster!, { from: 'external/172.31.5.200', to: `${node}:30080` });
    expect(t.verdict).toBe('delivered');
    expect(t.reply?.verdict).toBe('delivered');
    const arp = t.hops.find((h) => h.kind === 'neighbour' && h.netns === 'external/172.31.5.200')!;
    expect(arp.neighbour).toMatch(new RegExp(`^${node.replace(/\./g, '\\.')} dev eth0 lladdr .* REACHABLE$`));
    // Switched, never routed, by the underlay: no hop of the router's own IP stack.
    const kinds = new Set(t.hops.filter((h) => h.netns === 'underlay').map((h) => h.kind));
    expect([...kinds].sort()).toEqual(['bridge', 'veth']);
  });
});
