// The legacy userspace proxier as it behaved: REDIRECT to kube-proxy's proxy port, then kube-proxy's own
// connection to a backend from the node.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCluster } from '../../cluster/cluster';
import { USERSPACE_MODE } from './mode';
import { traceToJson } from '../../trace/json';
import { traceConnection } from '../../trace/trace';

const yaml = readFileSync(new URL('../../../scenarios/userspace-mode.yaml', import.meta.url), 'utf8');

describe('userspace mode', () => {
  it('writes a portal per ClusterIP and NodePort, REDIRECT for containers and DNAT to the node IP for the host', () => {
    const { cluster } = loadCluster(yaml);
    // Proxy ports go in Service order from 36000: default/kubernetes (kube-apiserver's) takes the first.
    const rules = cluster!
      .proxyRules(USERSPACE_MODE, 'node-1')
      .rules.map((r) => `-A ${r.chain} ${r.args.join(' ')}`);
    expect(rules).toContain(
      '-A KUBE-PORTALS-CONTAINER -m comment --comment default/web:http -p tcp -m tcp --dport 80 -d 10.96.1.1/32 -j REDIRECT --to-ports 36001',
    );
    expect(rules).toContain(
      '-A KUBE-PORTALS-HOST -m comment --comment default/web:http -p tcp -m tcp --dport 80 -d 10.96.1.1/32 -j DNAT --to-destination 192.168.56.11:36001',
    );
    expect(rules).toContain(
      '-A KUBE-NODEPORT-CONTAINER -m comment --comment default/web:http -p tcp -m tcp --dport 30080 -j REDIRECT --to-ports 36001',
    );
  });

  it('ends the client connection at the proxy socket on cni0 and traces kube-proxy’s own connection onward', () => {
    const { cluster } = loadCluster(yaml);
    const t = traceToJson(
      traceConnection(cluster!, cluster!, {
        from: 'pod/default/client',
        to: 'svc/default/web:http',
        seed: 1,
      }),
    );
    expect(t.deliveredTo).toMatchObject({ netns: 'node/node-1', ip: '10.244.0.1', port: 36001 });
    expect(t.reply?.verdict).toBe('delivered');
    expect(t.proxy?.upstreamTrace?.verdict).toBe('delivered');
    expect(t.proxy?.upstreamTrace?.deliveredTo?.pod).toMatch(/^default\/web-/);
  });
});
