// The flannel CNI plugin is a meta-plugin: it reads /run/flannel/subnet.env, fills in the `delegate`
// object from the conflist, and runs the bridge plugin with it (flannel-io/cni-plugin
// `flannel_linux.go` doCmdAdd / getDelegateIPAM, `flannel.go` delegateAdd). The rendered delegate is also
// saved to `/var/lib/cni/flannel/<containerID>` so that DEL can replay it.
import { type Cidr, formatCidr } from '../net/ipv4';
import type { SubnetEnv } from '../overlay/subnet-env';
import { FLANNEL_NETWORK_NAME } from './allocate';

/** Flannel's shipped conflist (kube-flannel.yml `cni-conf.json`). */
export const FLANNEL_CONFLIST = {
  name: FLANNEL_NETWORK_NAME,
  cniVersion: '0.3.1',
  plugins: [
    { type: 'flannel', delegate: { hairpinMode: true, isDefaultGateway: true } },
    { type: 'portmap', capabilities: { portMappings: true } },
  ],
} as const;

export const FLANNEL_DATA_DIR = '/var/lib/cni/flannel';

export interface BridgeDelegate {
  readonly cniVersion: string;
  readonly hairpinMode: boolean;
  readonly ipMasq: boolean;
  readonly ipam: {
    readonly ranges: readonly (readonly { readonly subnet: string }[])[];
    readonly routes: readonly { readonly dst: string }[];
    readonly type: 'host-local';
  };
  readonly isDefaultGateway: boolean;
  readonly isGateway: boolean;
  readonly mtu: number;
  readonly name: string;
  readonly type: 'bridge';
}

/**
 * doCmdAdd: name from the network, type bridge, ipMasq = !FLANNEL_IPMASQ (flanneld already masquerades,
 * so the bridge must not: no CNI-xxxx chains on flannel clusters), mtu = FLANNEL_MTU, isGateway true,
 * cniVersion copied; ipam is always host-local over FLANNEL_SUBNET in network form with one route to
 * FLANNEL_NETWORK. Keys are listed in the order Go's json.Marshal prints a map: sorted.
 */
export function bridgeDelegate(env: SubnetEnv): BridgeDelegate {
  const delegate = FLANNEL_CONFLIST.plugins[0].delegate;
  return {
    cniVersion: FLANNEL_CONFLIST.cniVersion,
    hairpinMode: delegate.hairpinMode,
    ipMasq: !env.ipMasq,
    ipam: {
      ranges: [[{ subnet: formatCidr(env.subnet) }]],
      routes: [{ dst: formatCidr(env.network) }],
      type: 'host-local',
    },
    isDefaultGateway: delegate.isDefaultGateway,
    isGateway: true,
    mtu: env.mtu,
    name: FLANNEL_CONFLIST.name,
    type: 'bridge',
  };
}

/** The bytes flannel writes to `/var/lib/cni/flannel/<containerID>` and pipes to the bridge: compact JSON. */
export function renderBridgeDelegate(env: SubnetEnv): string {
  return JSON.stringify(bridgeDelegate(env));
}

/** The delegate's ipam routes as CIDRs (what host-local returns as `routes`). */
export function delegateRoutes(env: SubnetEnv): Cidr[] {
  return [env.network];
}
