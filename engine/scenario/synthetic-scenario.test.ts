import { describe, expect, it } from 'vitest';
import { formatCidr } from '../net/ipv4';
import {
  grownScenario,
  syntheticObjectCounts,
  syntheticScenario,
  syntheticServiceName,
  type SyntheticShape,
} from './synthetic-scenario';
import { scenarioOf } from './test-helpers';

const shape: SyntheticShape = { nodes: 4, services: 12, deployments: 5, replicas: 3 };

describe('syntheticScenario', () => {
  it('produces the nodes, pods and Services the shape asks for, and the counts say so', () => {
    const s = scenarioOf(syntheticScenario({ ...shape, coreDns: false }));
    const counts = syntheticObjectCounts(shape);
    expect(counts).toEqual({ nodes: 4, services: 12, deployments: 5, pods: 16 });
    expect(s.nodes.map((n) => n.name)).toEqual(['n0', 'n1', 'n2', 'n3']);
    expect(s.pods).toHaveLength(counts.pods);
    expect(s.pods.find((p) => p.name === 'client')?.nodeName).toBe('n0');
    // default/kubernetes is kube-apiserver's, not the generator's.
    const own = s.services.filter((v) => !(v.namespace === 'default' && v.name === 'kubernetes'));
    expect(own.map((v) => v.name)).toEqual(
      Array.from({ length: 12 }, (_, i) => `s${String(i).padStart(2, '0')}`),
    );
    // Round-robin: s07 selects d2 (7 mod 5), whose 3 replicas carry the label.
    const s07 = own.find((v) => v.name === 's07')!;
    expect(s07.selector).toEqual({ a: 'd2' });
    expect(s.pods.filter((p) => p.labels.a === 'd2')).toHaveLength(3);
  });

  it('writes kube-proxy mode, flannel backend, pod subnet and the CoreDNS opt-out only when asked', () => {
    const plain = scenarioOf(syntheticScenario(shape));
    expect(plain.kubeProxy.mode).toBe('iptables');
    expect(plain.flannel.backend).toBe('vxlan');
    expect(plain.dns.corednsAddon).toBe(true);
    const set = scenarioOf(
      syntheticScenario({
        ...shape,
        proxyMode: 'ipvs',
        flannelBackend: 'host-gw',
        podSubnet: '10.128.0.0/9',
        coreDns: false,
      }),
    );
    expect(set.kubeProxy.mode).toBe('ipvs');
    expect(set.flannel.backend).toBe('host-gw');
    expect(formatCidr(set.networking.podSubnet)).toBe('10.128.0.0/9');
    expect(set.kubeProxy.clusterCIDR && formatCidr(set.kubeProxy.clusterCIDR)).toBe('10.128.0.0/9');
    expect(set.dns.corednsAddon).toBe(false);
  });

  it('is deterministic: the same shape gives the same text, a different shape a different one', () => {
    expect(syntheticScenario(shape)).toBe(syntheticScenario({ ...shape }));
    expect(syntheticScenario(shape)).not.toBe(syntheticScenario({ ...shape, replicas: 4 }));
  });

  it('pads Service names so their name order is their numeric order', () => {
    expect(syntheticServiceName({ services: 1000 }, 7)).toBe('s007');
    expect(syntheticServiceName({ services: 10 }, 9)).toBe('s9');
    expect(syntheticServiceName({ services: 11 }, 9)).toBe('s09');
  });
});

describe('grownScenario', () => {
  const base = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
---
apiVersion: v1
kind: Node
metadata:
  name: node-1
`;

  it('appends the missing nodes after the base’s own and sets the first Deployment’s replicas', () => {
    const grown = grownScenario(base, { nodes: 3, replicas: 7 });
    expect(grown.startsWith(base.replace('replicas: 3', 'replicas: 7'))).toBe(true);
    expect(grown.match(/^kind: Node$/gm)).toHaveLength(3);
    expect(grown).toContain('name: node-2\nspec:\n  podCIDR: 10.244.1.0/24');
    expect(grown).toContain('name: node-3\nspec:\n  podCIDR: 10.244.2.0/24');
    expect(grown).toContain('address: 192.168.56.13\n');
    expect(grown).not.toContain('name: node-4');
  });
});
