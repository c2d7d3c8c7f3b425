// Which address a connect() to a name with several A records uses: getaddrinfo's order after CoreDNS's
// loadbalance shuffle and glibc's RFC 3484 sort.
import { describe, expect, it } from 'vitest';
import { loadCluster } from '../cluster/cluster';
import { parseIpv4 } from '../net/ipv4';
import { SeededRandom } from '../random';
import { traceConnection } from '../trace/trace';
import { coreDnsShuffle, getaddrinfoOrder } from './address-order';

describe("glibc's rfc3484_sort for IPv4", () => {
  it("puts the addresses in the source's own subnet first, longest shared prefix first, the rest as received", () => {
    // The same list through `getent ahostsv4` (glibc 2.36) in a namespace whose only address is
    // 10.244.1.3/24 gave exactly this order (checked on the lab machine, 3 December 2026).
    const source = { ip: parseIpv4('10.244.1.3')!, prefix: 24 };
    const order = getaddrinfoOrder(
      ['10.244.0.3', '10.244.1.9', '10.244.0.2', '10.244.1.2', '10.244.1.130'],
      () => source,
      null,
    );
    expect(order.addresses).toEqual(['10.244.1.2', '10.244.1.9', '10.244.1.130', '10.244.0.3', '10.244.0.2']);
    expect(order.why).toContain('subnet 10.244.1.0/24');
    expect(order.why).toMatch(/connect\(\) uses the first, 10\.244\.1\.2$/);
  });

  it('keeps the received order when no address is in the source subnet (rule 9 gives 0 outside it)', () => {
    const node = { ip: parseIpv4('192.168.56.12')!, prefix: 24 };
    const order = getaddrinfoOrder(['10.244.1.2', '10.244.0.2'], () => node, null);
    expect(order.addresses).toEqual(['10.244.1.2', '10.244.0.2']);
    expect(order.why).toContain('rule 10 keeps the order received');
  });
});

describe("CoreDNS's loadbalance shuffle (round_robin)", () => {
  it('swaps two records on an even id, and moves each of more records to j + id % (l - j)', () => {
    expect(coreDnsShuffle(['a', 'b'], () => 2)).toEqual(['b', 'a']);
    expect(coreDnsShuffle(['a', 'b'], () => 3)).toEqual(['a', 'b']);
    const ids = [1, 1, 0];
    // j=0: p=0+1%3=1 → b a c; j=1: p=1+1%2=2 → b c a; j=2: p=2.
    expect(coreDnsShuffle(['a', 'b', 'c'], () => ids.shift()!)).toEqual(['b', 'c', 'a']);
  });

  it('is a permutation for any ids', () => {
    const r = new SeededRandom(7);
    for (let n = 0; n < 50; n++) {
      const list = ['1', '2', '3', '4', '5'];
      expect(coreDnsShuffle(list, () => r.int(0, 0xffff)).sort()).toEqual(list);
    }
  });
});

const headless = (corefile: string) => `apiVersion: v1
kind: Service
metadata: {name: db}
spec: {clusterIP: None, selector: {app: db}, ports: [{port: 5432}]}
---
apiVersion: v1
kind: Pod
metadata: {name: db-a, labels: {app: db}}
spec: {nodeName: node-1, containers: [{name: c, ports: [{containerPort: 5432}]}]}
---
apiVersion: v1
kind: Pod
metadata: {name: db-b, labels: {app: db}}
spec: {nodeName: node-2, containers: [{name: c, ports: [{containerPort: 5432}]}]}
---
apiVersion: v1
kind: Pod
metadata: {name: client}
spec: {nodeName: node-2, containers: [{name: c}]}
${corefile}`;

describe('a connect to a headless Service by name', () => {
  const noLoadbalance = `---
apiVersion: v1
kind: ConfigMap
metadata: {name: coredns, namespace: kube-system}
data:
  Corefile: |
    .:53 {
        kubernetes cluster.local in-addr.arpa ip6.arpa {
           pods insecure
           ttl 30
        }
        forward . /etc/resolv.conf
    }
`;

  it("reaches the endpoint on the client's own node, whatever order CoreDNS sent, and says why", () => {
    for (const corefile of ['', noLoadbalance]) {
      const { cluster, diagnostics } = loadCluster(headless(corefile));
      if (!cluster) throw new Error(diagnostics.map((d) => d.message).join('\n'));
      for (const seed of [1, 2, 3, 4]) {
        const t = traceConnection(cluster, cluster, { from: 'pod/default/client', to: 'db:5432', seed });
        expect(t.deliveredTo?.pod).toBe('default/db-b');
        expect(t.dns?.addresses).toEqual(['10.244.1.2', '10.244.0.2']);
        expect(t.dns?.addressOrder).toContain(
          corefile === '' ? 'loadbalance plugin shuffled' : 'fixed order',
        );
        expect(t.hops[0]!.why).toContain('rule 9');
      }
    }
  });

  it("from a hostNetwork pod on node-1: cni0's subnet holds db-a, so db-a, whatever order CoreDNS sent", () => {
    const text = `${headless('')}---
apiVersion: v1
kind: Pod
metadata: {name: agent}
spec: {nodeName: node-1, hostNetwork: true, dnsPolicy: ClusterFirstWithHostNet, containers: [{name: c}]}
`;
    const { cluster, diagnostics } = loadCluster(text);
    if (!cluster) throw new Error(diagnostics.map((d) => d.message).join('\n'));
    for (const seed of [1, 2, 3, 4]) {
      const t = traceConnection(cluster, cluster, { from: 'pod/default/agent', to: 'db:5432', seed });
      expect(t.deliveredTo?.pod).toBe('default/db-a');
      expect(t.dns?.addressOrder).toContain('source 10.244.0.1');
    }
  });
});
