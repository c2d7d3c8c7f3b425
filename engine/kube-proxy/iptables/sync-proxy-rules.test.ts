// syncIptablesRules behaviour beyond the upstream acceptance case, each expectation taken from
// kube-proxy.md §1.5-1.7 / pkg/proxy/iptables/proxier.go.
import { describe, expect, it } from 'vitest';
import { cidr, formatIpv4 } from '../../net/ipv4';
import { endpoint, fakeProxierInput, service, settings, slice } from '../testing/fixtures';
import { restorePayload, syncIptablesRules, type KubeProxyIptablesResult } from './sync-proxy-rules';
import type { ProxierInput } from '../proxier-input';

const sync = (input: ProxierInput): KubeProxyIptablesResult => syncIptablesRules(input);
const lines = (r: KubeProxyIptablesResult): string[] => restorePayload(r).trimEnd().split('\n');
const chainLines = (r: KubeProxyIptablesResult, chain: string): string[] =>
  lines(r).filter((l) => l.startsWith(`-A ${chain} `) || l === `-A ${chain}`);
const hasChain = (r: KubeProxyIptablesResult, chain: string): boolean =>
  lines(r).includes(`:${chain} - [0:0]`);

// ns1/svc1:p80 tcp -> KUBE-SVC-XPGD46QRK7WJZT7O (hash vectors, §1.3)
const SVC1 = 'XPGD46QRK7WJZT7O';

describe('payload shape', () => {
  it('writes the fixed header chains in syncProxyRules order (§1.4)', () => {
    const text = restorePayload(sync(fakeProxierInput([], [])));
    expect(text).toBe(
      [
        '*filter',
        ':KUBE-SERVICES - [0:0]',
        ':KUBE-EXTERNAL-SERVICES - [0:0]',
        ':KUBE-FORWARD - [0:0]',
        ':KUBE-NODEPORTS - [0:0]',
        ':KUBE-PROXY-FIREWALL - [0:0]',
        ':KUBE-FIREWALL - [0:0]',
        '-A KUBE-FIREWALL -m comment --comment "block incoming localnet connections" -d 127.0.0.0/8 ! -s 127.0.0.0/8 -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP',
        '-A KUBE-FORWARD -m conntrack --ctstate INVALID -m nfacct --nfacct-name ct_state_invalid_dropped_pkts -j DROP',
        '-A KUBE-FORWARD -m comment --comment "kubernetes forwarding rules" -m mark --mark 0x4000/0x4000 -j ACCEPT',
        '-A KUBE-FORWARD -m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
        'COMMIT',
        '*nat',
        ':KUBE-SERVICES - [0:0]',
        ':KUBE-NODEPORTS - [0:0]',
        ':KUBE-POSTROUTING - [0:0]',
        ':KUBE-MARK-MASQ - [0:0]',
        '-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN',
        '-A KUBE-POSTROUTING -j MARK --xor-mark 0x4000',
        '-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE',
        '-A KUBE-MARK-MASQ -j MARK --or-mark 0x4000',
        '-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS',
        'COMMIT',
        '',
      ].join('\n'),
    );
  });

  it('uses %#08x of 1<<masqueradeBit by default, --random-fully when supported, no INVALID drop when liberal', () => {
    const input = fakeProxierInput([], [], {
      capabilities: { nfacct: false, randomFully: true, tcpBeLiberal: true },
    });
    const { masqueradeMarkText: _, ...rest } = input;
    const r = sync(rest);
    expect(chainLines(r, 'KUBE-MARK-MASQ')).toEqual(['-A KUBE-MARK-MASQ -j MARK --or-mark 0x00004000']);
    expect(chainLines(r, 'KUBE-POSTROUTING')[2]).toMatch(/-j MASQUERADE --random-fully$/);
    expect(chainLines(r, 'KUBE-FORWARD')).toHaveLength(2);
  });

  it('every rule parses (the specs are read lazily, so read them all here)', () => {
    const svc = service('ns', 's', {
      type: 'LoadBalancer',
      ports: [{ nodePort: 30001 }],
      loadBalancerIPs: ['5.6.7.8'],
      loadBalancerSourceRanges: ['0.0.0.0/0'],
      sessionAffinity: 'ClientIP',
      externalTrafficPolicy: 'Local',
      healthCheckNodePort: 30002,
    });
    const r = sync(
      fakeProxierInput(
        [svc],
        [slice('ns', 's', [endpoint('10.1.0.1', { nodeName: 'test-node' }), endpoint('10.1.0.2')])],
      ),
    );
    for (const rule of [...r.filterRules, ...r.natRules, ...r.jumpRules])
      expect(rule.spec.modules).toBeDefined();
  });
});

describe('endpoint selection', () => {
  it('splits three endpoints 1/3, 1/2, rest, ordered by "IP:port" as text (§1.7)', () => {
    const r = sync(
      fakeProxierInput(
        [service('ns1', 'svc1')],
        [slice('ns1', 'svc1', [endpoint('10.180.0.2'), endpoint('10.180.0.10'), endpoint('10.180.0.3')])],
      ),
    );
    const rules = chainLines(r, `KUBE-SVC-${SVC1}`).slice(1);
    expect(rules.map((l) => /--comment "ns1\/svc1:p80 -> ([\d.:]+)"/.exec(l)![1])).toEqual([
      '10.180.0.10:80',
      '10.180.0.2:80',
      '10.180.0.3:80',
    ]);
    expect(rules[0]).toContain('-m statistic --mode random --probability 0.3333333333 -j KUBE-SEP-');
    expect(rules[1]).toContain('-m statistic --mode random --probability 0.5000000000 -j KUBE-SEP-');
    expect(rules[2]).not.toContain('statistic');
  });

  it('adds ClientIP affinity checks before the random pick, and --set in each SEP', () => {
    const svc = service('ns1', 'svc1', { sessionAffinity: 'ClientIP', sessionAffinityTimeoutSeconds: 600 });
    const r = sync(
      fakeProxierInput([svc], [slice('ns1', 'svc1', [endpoint('10.180.0.1'), endpoint('10.180.0.2')])]),
    );
    const rules = chainLines(r, `KUBE-SVC-${SVC1}`);
    expect(rules[1]).toBe(
      `-A KUBE-SVC-${SVC1} -m comment --comment "ns1/svc1:p80 -> 10.180.0.1:80" -m recent --name KUBE-SEP-SXIVWICOYRO3J4NJ --rcheck --seconds 600 --reap -j KUBE-SEP-SXIVWICOYRO3J4NJ`,
    );
    expect(rules[2]).toMatch(
      /-> 10\.180\.0\.2:80" -m recent --name (KUBE-SEP-\w+) --rcheck --seconds 600 --reap -j \1$/,
    );
    expect(rules[3]).toContain('--probability 0.5000000000 -j KUBE-SEP-SXIVWICOYRO3J4NJ');
    expect(chainLines(r, 'KUBE-SEP-SXIVWICOYRO3J4NJ')[1]).toBe(
      '-A KUBE-SEP-SXIVWICOYRO3J4NJ -m comment --comment ns1/svc1:p80 -m recent --name KUBE-SEP-SXIVWICOYRO3J4NJ --set -m tcp -p tcp -j DNAT --to-destination 10.180.0.1:80',
    );
  });

  it('drops per-endpoint comments above 1000 endpoints, keeping the cluster IP and entry comments', () => {
    const eps = Array.from({ length: 1001 }, (_, i) => endpoint(formatIpv4(0x0ab40000 + i)));
    const r = sync(fakeProxierInput([service('ns1', 'svc1')], [slice('ns1', 'svc1', eps)]));
    expect(r.largeClusterMode).toBe(true);
    const svc = chainLines(r, `KUBE-SVC-${SVC1}`);
    expect(svc[0]).toContain('--comment "ns1/svc1:p80 cluster IP"');
    expect(svc[1]).toMatch(
      new RegExp(`^-A KUBE-SVC-${SVC1} -m statistic --mode random --probability 0\\.0009990010 -j KUBE-SEP-`),
    );
    expect(svc.slice(1).every((l) => !l.includes('comment'))).toBe(true);
    const sep = lines(r).filter((l) => l.startsWith('-A KUBE-SEP-'));
    expect(sep).toHaveLength(2002);
    expect(sep[0]).toMatch(/^-A KUBE-SEP-\w+ -s 10\.180\.0\.0 -j KUBE-MARK-MASQ$/);
    expect(sep[1]).toMatch(/^-A KUBE-SEP-\w+ -m tcp -p tcp -j DNAT --to-destination 10\.180\.0\.0:80$/);
    expect(chainLines(r, 'KUBE-SERVICES')[0]).toContain('"ns1/svc1:p80 cluster IP"');
  });

  it('stays in normal mode at exactly 1000 endpoints', () => {
    const eps = Array.from({ length: 1000 }, (_, i) => endpoint(formatIpv4(0x0ab40000 + i)));
    expect(
      sync(fakeProxierInput([service('ns1', 'svc1')], [slice('ns1', 'svc1', eps)])).largeClusterMode,
    ).toBe(false);
  });
});

describe('traffic policies', () => {
  it('ITP=Local with a local endpoint: the cluster IP goes to KUBE-SVL, which holds the masquerade rule', () => {
    const svc = service('ns1', 'svc1', { clusterIP: '172.30.0.41', internalTrafficPolicy: 'Local' });
    const r = sync(
      fakeProxierInput(
        [svc],
        [
          slice('ns1', 'svc1', [
            endpoint('10.180.0.1', { nodeName: 'test-node' }),
            endpoint('10.180.0.9', { nodeName: 'other' }),
          ]),
        ],
      ),
    );
    expect(chainLines(r, 'KUBE-SERVICES')[0]).toBe(
      `-A KUBE-SERVICES -m comment --comment "ns1/svc1:p80 cluster IP" -m tcp -p tcp -d 172.30.0.41 --dport 80 -j KUBE-SVL-${SVC1}`,
    );
    expect(hasChain(r, `KUBE-SVC-${SVC1}`)).toBe(false);
    expect(chainLines(r, `KUBE-SVL-${SVC1}`)).toEqual([
      `-A KUBE-SVL-${SVC1} -m comment --comment "ns1/svc1:p80 cluster IP" -m tcp -p tcp -d 172.30.0.41 --dport 80 ! -s 10.0.0.0/8 -j KUBE-MARK-MASQ`,
      `-A KUBE-SVL-${SVC1} -m comment --comment "ns1/svc1:p80 -> 10.180.0.1:80" -j KUBE-SEP-SXIVWICOYRO3J4NJ`,
    ]);
    // Only the local endpoint is reachable, so only it has a SEP chain.
    expect(lines(r).filter((l) => l.startsWith(':KUBE-SEP-'))).toEqual([
      ':KUBE-SEP-SXIVWICOYRO3J4NJ - [0:0]',
    ]);
  });

  it('ITP=Local without a local endpoint: a filter DROP and no nat chains', () => {
    const svc = service('ns1', 'svc1', { clusterIP: '172.30.0.41', internalTrafficPolicy: 'Local' });
    const r = sync(
      fakeProxierInput([svc], [slice('ns1', 'svc1', [endpoint('10.180.0.1', { nodeName: 'other' })])]),
    );
    expect(r.filterRules.map((x) => x.chain)).toContain('KUBE-SERVICES');
    expect(chainLines(r, 'KUBE-SERVICES')[0]).toBe(
      '-A KUBE-SERVICES -m comment --comment "ns1/svc1:p80 has no local endpoints" -m tcp -p tcp -d 172.30.0.41 --dport 80 -j DROP',
    );
    expect(lines(r).some((l) => /^:KUBE-(SVC|SVL|SEP|EXT)-/.test(l))).toBe(false);
  });

  it('ETP=Local with a local endpoint: EXT short-circuits pods and the node to SVC, the rest to SVL', () => {
    const svc = service('ns2', 'svc2', {
      type: 'NodePort',
      ports: [{ nodePort: 3001 }],
      externalTrafficPolicy: 'Local',
    });
    const r = sync(
      fakeProxierInput(
        [svc],
        [
          slice('ns2', 'svc2', [
            endpoint('10.180.0.2', { nodeName: 'test-node' }),
            endpoint('10.180.0.3', { nodeName: 'other' }),
          ]),
        ],
      ),
    );
    const h = 'GNZBNJ2PO5MGZ6GT';
    expect(chainLines(r, `KUBE-EXT-${h}`)).toEqual([
      `-A KUBE-EXT-${h} -m comment --comment "pod traffic for ns2/svc2:p80 external destinations" -s 10.0.0.0/8 -j KUBE-SVC-${h}`,
      `-A KUBE-EXT-${h} -m comment --comment "masquerade LOCAL traffic for ns2/svc2:p80 external destinations" -m addrtype --src-type LOCAL -j KUBE-MARK-MASQ`,
      `-A KUBE-EXT-${h} -m comment --comment "route LOCAL traffic for ns2/svc2:p80 external destinations" -m addrtype --src-type LOCAL -j KUBE-SVC-${h}`,
      `-A KUBE-EXT-${h} -j KUBE-SVL-${h}`,
    ]);
    expect(chainLines(r, `KUBE-SVL-${h}`)).toEqual([
      `-A KUBE-SVL-${h} -m comment --comment "ns2/svc2:p80 -> 10.180.0.2:80" -j KUBE-SEP-RS4RBKLTHTF2IUXJ`,
    ]);
    expect(chainLines(r, `KUBE-SVC-${h}`)).toHaveLength(3);
    expect(r.filterRules.filter((x) => x.chain === 'KUBE-EXTERNAL-SERVICES')).toHaveLength(0);
    // A NodePort Service gets no health-check rule: only LoadBalancers need one.
    expect(r.filterRules.filter((x) => x.chain === 'KUBE-NODEPORTS')).toHaveLength(0);
  });
});

describe('flags', () => {
  const one = (o: Partial<ProxierInput> = {}): KubeProxyIptablesResult =>
    sync(
      fakeProxierInput(
        [service('ns1', 'svc1', { clusterIP: '172.30.0.41' })],
        [slice('ns1', 'svc1', [endpoint('10.180.0.1')])],
        o,
      ),
    );

  it('--masquerade-all marks every ClusterIP packet, with no source check', () => {
    const r = one({ settings: settings({ masqueradeAll: true }) });
    expect(chainLines(r, `KUBE-SVC-${SVC1}`)[0]).toBe(
      `-A KUBE-SVC-${SVC1} -m comment --comment "ns1/svc1:p80 cluster IP" -m tcp -p tcp -d 172.30.0.41 --dport 80 -j KUBE-MARK-MASQ`,
    );
  });

  it('with no local-traffic detector there is no off-cluster masquerade and no pod short-circuit', () => {
    const r = one({ settings: settings({ clusterCIDR: null }) });
    expect(chainLines(r, `KUBE-SVC-${SVC1}`)).toEqual([
      `-A KUBE-SVC-${SVC1} -m comment --comment "ns1/svc1:p80 -> 10.180.0.1:80" -j KUBE-SEP-SXIVWICOYRO3J4NJ`,
    ]);
    const lb = service('ns2', 'svc2', {
      type: 'LoadBalancer',
      ports: [{ nodePort: 3001 }],
      loadBalancerIPs: ['1.2.3.4'],
      externalTrafficPolicy: 'Local',
      healthCheckNodePort: 30000,
    });
    const r2 = sync(
      fakeProxierInput([lb], [slice('ns2', 'svc2', [endpoint('10.180.0.2')])], {
        settings: settings({ clusterCIDR: null }),
      }),
    );
    expect(chainLines(r2, 'KUBE-EXT-GNZBNJ2PO5MGZ6GT').map((l) => /--comment "(\w+)/.exec(l)![1])).toEqual([
      'masquerade',
      'route',
    ]);
  });

  it('explicit --nodeport-addresses: one tail rule per matching node IP, localhost NodePorts off', () => {
    const np = service('ns3', 'svc3', { type: 'NodePort', ports: [{ nodePort: 3003 }] });
    const r = sync(
      fakeProxierInput([np], [slice('ns3', 'svc3', [endpoint('10.180.0.3')])], {
        settings: settings({ nodePortAddresses: [cidr('192.168.0.0/24')] }),
      }),
    );
    expect(chainLines(r, 'KUBE-SERVICES').at(-1)).toBe(
      '-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -d 192.168.0.2 -j KUBE-NODEPORTS',
    );
    expect(chainLines(r, 'KUBE-NODEPORTS')).toEqual([
      '-A KUBE-NODEPORTS -m comment --comment ns3/svc3:p80 -m tcp -p tcp --dport 3003 -j KUBE-EXT-X27LE4BHSL4DOUIK',
    ]);
    expect(hasChain(r, 'KUBE-FIREWALL')).toBe(false);
  });

  it('--nodeport-addresses with loopback keeps localhost NodePorts and lists 127.0.0.1', () => {
    const r = one({
      settings: settings({ nodePortAddresses: [cidr('127.0.0.0/8'), cidr('192.168.0.0/16')] }),
    });
    expect(
      chainLines(r, 'KUBE-SERVICES')
        .slice(1)
        .map((l) => /-d ([\d.]+)/.exec(l)![1]),
    ).toEqual(['127.0.0.1', '192.168.0.2', '192.168.1.2', '192.168.99.11']);
    expect(hasChain(r, 'KUBE-FIREWALL')).toBe(true);
  });

  it('localhostNodePorts=false keeps loopback out of the addrtype tail', () => {
    const r = one({ settings: settings({ localhostNodePorts: false }) });
    expect(chainLines(r, 'KUBE-SERVICES').at(-1)).toContain(
      '-m addrtype --dst-type LOCAL ! -d 127.0.0.0/8 -j KUBE-NODEPORTS',
    );
  });
});

describe('services', () => {
  it('writes UDP services with -m udp -p udp and hashes "udp" into the chain names', () => {
    const dns = service('kube-system', 'kube-dns', {
      clusterIP: '10.96.0.10',
      ports: [{ name: 'dns', protocol: 'UDP', port: 53 }],
    });
    const r = sync(
      fakeProxierInput(
        [dns],
        [
          slice(
            'kube-system',
            'kube-dns',
            [endpoint('10.244.0.5')],
            [{ name: 'dns', port: 53, protocol: 'UDP' }],
          ),
        ],
      ),
    );
    const entry = chainLines(r, 'KUBE-SERVICES')[0]!;
    expect(entry).toMatch(
      /^-A KUBE-SERVICES -m comment --comment "kube-system\/kube-dns:dns cluster IP" -m udp -p udp -d 10\.96\.0\.10 --dport 53 -j KUBE-SVC-[A-Z2-7]{16}$/,
    );
    expect(lines(r).some((l) => l.endsWith('-m udp -p udp -j DNAT --to-destination 10.244.0.5:53'))).toBe(
      true,
    );
  });

  it('does not match a UDP slice port to a TCP service port of the same name', () => {
    const r = sync(
      fakeProxierInput(
        [service('ns1', 'svc1')],
        [slice('ns1', 'svc1', [endpoint('10.180.0.1')], [{ protocol: 'UDP' }])],
      ),
    );
    expect(chainLines(r, 'KUBE-SERVICES')[0]).toContain('has no endpoints');
  });

  it('skips headless and ExternalName services', () => {
    const r = sync(
      fakeProxierInput(
        [
          service('ns1', 'headless', { clusterIP: null }),
          service('ns1', 'ext', { type: 'ExternalName', clusterIP: null, externalName: 'example.com' }),
        ],
        [slice('ns1', 'headless', [endpoint('10.180.0.1')])],
      ),
    );
    expect(r.filterRules.filter((x) => x.chain === 'KUBE-SERVICES')).toHaveLength(0);
    expect(chainLines(r, 'KUBE-SERVICES')).toHaveLength(1);
  });

  it('REJECTs every address of a Service with no endpoints', () => {
    const svc = service('ns1', 'svc1', {
      type: 'LoadBalancer',
      clusterIP: '172.30.0.41',
      ports: [{ nodePort: 3001 }],
      externalIPs: ['192.168.99.1'],
      loadBalancerIPs: ['1.2.3.4'],
    });
    const r = sync(fakeProxierInput([svc], []));
    expect(r.filterRules.map((x) => `${x.chain} ${x.args.at(-1)}`)).toEqual([
      'KUBE-FIREWALL DROP',
      'KUBE-SERVICES REJECT',
      'KUBE-EXTERNAL-SERVICES REJECT',
      'KUBE-EXTERNAL-SERVICES REJECT',
      'KUBE-EXTERNAL-SERVICES REJECT',
      'KUBE-FORWARD DROP',
      'KUBE-FORWARD ACCEPT',
      'KUBE-FORWARD ACCEPT',
    ]);
    expect(r.natChains).toEqual(['KUBE-SERVICES', 'KUBE-NODEPORTS', 'KUBE-POSTROUTING', 'KUBE-MARK-MASQ']);
  });

  it('allows the LB IP as a source when the node IP is inside a source range', () => {
    const svc = service('ns5', 'svc5', {
      type: 'LoadBalancer',
      ports: [{ nodePort: 3002 }],
      loadBalancerIPs: ['5.6.7.8'],
      loadBalancerSourceRanges: ['192.168.0.0/16'],
    });
    const r = sync(fakeProxierInput([svc], [slice('ns5', 'svc5', [endpoint('10.180.0.3')])]));
    expect(chainLines(r, 'KUBE-FW-NUKIZ6OKUXPJNT4C').map((l) => /-s ([\d./]+)|other/.exec(l)![0])).toEqual([
      '-s 192.168.0.0/16',
      '-s 5.6.7.8',
      'other',
    ]);
  });
});
