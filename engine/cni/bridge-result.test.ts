import { describe, expect, it } from 'vitest';
import { cidr } from '../net/ipv4';
import { subnetEnvFor } from '../overlay/subnet-env';
import { fixtureNode, fixtureScenario } from '../topology/test-fixture';
import { bridgeMac, podAttachment } from './attachment';
import { bridgeAddResult, printCniResult } from './bridge-result';
import { bridgeDelegate, delegateRoutes, renderBridgeDelegate } from './flannel-delegate';
import { fixturePod } from '../topology/test-fixture';

const node = fixtureNode('node1', '10.244.1.0/24', '192.168.56.102');
const scenario = fixtureScenario({ nodes: [node] });
const env = subnetEnvFor(scenario, node);

describe('flannel CNI plugin → bridge delegate', () => {
  it('renders the delegate the way Go marshals the map: compact, keys sorted', () => {
    expect(renderBridgeDelegate(env)).toBe(
      '{"cniVersion":"0.3.1","hairpinMode":true,"ipMasq":false,"ipam":{"ranges":[[{"subnet":"10.244.1.0/24"}]],' +
        '"routes":[{"dst":"10.244.0.0/16"}],"type":"host-local"},"isDefaultGateway":true,"isGateway":true,"mtu":1450,' +
        '"name":"cbr0","type":"bridge"}',
    );
  });

  it('lets the bridge masquerade only when flanneld does not (ipMasq = !FLANNEL_IPMASQ)', () => {
    expect(bridgeDelegate({ ...env, ipMasq: false }).ipMasq).toBe(true);
  });
});

describe('bridge ADD result for cniVersion 0.3.1', () => {
  const pod = fixturePod('default', 'web', 'node1');
  const a = podAttachment(node, pod, cidr('10.244.1.2/32').network);
  const result = bridgeAddResult({
    attachment: a,
    bridgeMac: bridgeMac('node1'),
    ipamRoutes: delegateRoutes(env),
    isDefaultGateway: true,
    cniVersion: '0.3.1',
  });

  it('prints like types040.Result.PrintTo: 4-space MarshalIndent, struct key order, "dns": {}, no newline', () => {
    expect(printCniResult(result)).toBe(`{
    "cniVersion": "0.3.1",
    "interfaces": [
        {
            "name": "cni0",
            "mac": "${bridgeMac('node1')}"
        },
        {
            "name": "${a.hostVeth}",
            "mac": "${a.hostVethMac}"
        },
        {
            "name": "eth0",
            "mac": "${a.podMac}",
            "sandbox": "${a.netnsPath}"
        }
    ],
    "ips": [
        {
            "version": "4",
            "interface": 2,
            "address": "10.244.1.2/24",
            "gateway": "10.244.1.1"
        }
    ],
    "routes": [
        {
            "dst": "10.244.0.0/16"
        },
        {
            "dst": "0.0.0.0/0",
            "gw": "10.244.1.1"
        }
    ],
    "dns": {}
}`);
  });

  it('adds no default route without isDefaultGateway', () => {
    const r = bridgeAddResult({
      attachment: a,
      bridgeMac: 'x',
      ipamRoutes: [],
      isDefaultGateway: false,
      cniVersion: '0.3.1',
    });
    expect(r.routes).toEqual([]);
  });
});
