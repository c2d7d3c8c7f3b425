// The nft evaluator against the packet-flow outcomes of kube-proxy's nftables tests (proxier_test.go
// runPacketFlowTests: TestClusterIPGeneral, TestLoadBalancer, TestNoEndpointsReject), on the
// TestOverallNFTablesRules table.
import { describe, expect, it } from 'vitest';
import type { Packet } from '../../net/packet';
import { overallNftablesInput } from '../../kube-proxy/testing/fixtures';
import { syncNftablesRules } from '../../kube-proxy/nftables/sync-proxy-rules';
import { formatIpv4, ipv4 } from '../../net/ipv4';
import type { RuleVisit } from '../rule-visit';
import { evaluateNftChain, type NftChainVerdict } from './evaluate';

const table = syncNftablesRules(overallNftablesInput()).table;
const nodeIPs = new Set(['192.168.0.2', '192.168.1.2', '192.168.99.11'].map(ipv4));

function packet(src: string, dst: string, dport: number): Packet {
  return {
    eth: null,
    ip: { src: ipv4(src), dst: ipv4(dst), ttl: 64, length: 60, dontFragment: true },
    l4: { proto: 'tcp', sport: 40000, dport, flags: 'S' },
    mark: 0,
    encap: null,
  };
}

function run(chain: string, p: Packet, visits: RuleVisit[] = [], draw = 0): NftChainVerdict {
  return evaluateNftChain(
    table,
    table.chains.get(chain)!,
    p,
    {
      ctState: 'NEW',
      isLocalAddress: (ip) => nodeIPs.has(ip),
      drawU32: () => draw,
      dynamicSets: new Map(),
      now: 0,
    },
    visits,
  );
}

describe('nft evaluation of kube-proxy table', () => {
  it('DNATs a ClusterIP with one verdict-map lookup and one numgen lookup', () => {
    const visits: RuleVisit[] = [];
    const v = run('nat-prerouting', packet('10.0.0.2', '172.30.0.41', 80), visits);
    expect(v.kind).toBe('dnat');
    if (v.kind === 'dnat')
      expect(`${formatIpv4(v.packet.ip.dst)}:${v.packet.l4.dport}`).toBe('10.180.0.1:80');
    if (v.kind === 'dnat') expect(v.packet.mark).toBe(0);
    expect(visits.filter((x) => x.lookup).map((x) => x.lookup!.map)).toEqual([
      '@service-ips',
      'numgen random mod 1',
    ]);
  });

  it('marks hairpin traffic for masquerade', () => {
    const v = run('nat-prerouting', packet('10.180.0.1', '172.30.0.41', 80));
    expect(v.kind === 'dnat' && v.packet.mark).toBe(0x4000);
  });

  it('picks the second endpoint when numgen draws the upper half', () => {
    const v = run('nat-prerouting', packet('10.0.0.2', '172.30.0.44', 80), [], 0xc0000000);
    expect(v.kind === 'dnat' && formatIpv4(v.packet.ip.dst)).toBe('10.180.0.5');
  });

  it('rejects a Service without endpoints and a wrong port, drops an unallocated ClusterIP', () => {
    expect(run('filter-forward', packet('10.0.0.2', '172.30.0.46', 80)).kind).toBe('reject');
    expect(run('filter-forward', packet('10.0.0.2', '172.30.0.41', 443)).kind).toBe('reject');
    expect(run('filter-forward', packet('10.0.0.2', '172.30.0.50', 80)).kind).toBe('drop');
  });

  it('drops external traffic to an ETP=Local Service without local endpoints, short-circuits pods', () => {
    expect(run('nat-prerouting', packet('203.0.113.2', '1.2.3.4', 80)).kind).toBe('accept');
    expect(run('filter-forward', packet('203.0.113.2', '1.2.3.4', 80)).kind).toBe('drop');
    const pod = run('nat-prerouting', packet('10.0.0.2', '1.2.3.4', 80));
    expect(pod.kind === 'dnat' && formatIpv4(pod.packet.ip.dst)).toBe('10.180.0.2');
  });

  it('enforces loadBalancerSourceRanges before DNAT, but not on the NodePort', () => {
    expect(run('filter-prerouting-pre-dnat', packet('203.0.113.130', '5.6.7.8', 80)).kind).toBe('drop');
    expect(run('filter-prerouting-pre-dnat', packet('203.0.113.2', '5.6.7.8', 80)).kind).toBe('accept');
    const np = run('nat-prerouting', packet('203.0.113.130', '192.168.0.2', 3002));
    expect(np.kind === 'dnat' && np.packet.mark).toBe(0x4000);
  });

  it('keeps a client on its endpoint through the affinity set until the timeout', () => {
    const dynamicSets = new Map();
    const ctx = (now: number) => ({
      ctState: 'NEW' as const,
      isLocalAddress: () => false,
      drawU32: () => 0,
      dynamicSets,
      now,
    });
    const chain = table.chains.get('nat-prerouting')!;
    const first: RuleVisit[] = [];
    evaluateNftChain(table, chain, packet('10.0.0.2', '172.30.0.45', 80), ctx(0), first);
    expect(first.some((v) => v.lookup?.map.startsWith('numgen'))).toBe(true);
    const again: RuleVisit[] = [];
    evaluateNftChain(table, chain, packet('10.0.0.2', '172.30.0.45', 80), ctx(100), again);
    expect(again.some((v) => v.lookup?.map.startsWith('numgen'))).toBe(false);
    const expired: RuleVisit[] = [];
    evaluateNftChain(table, chain, packet('10.0.0.2', '172.30.0.45', 80), ctx(20000), expired);
    expect(expired.some((v) => v.lookup?.map.startsWith('numgen'))).toBe(true);
  });
});
