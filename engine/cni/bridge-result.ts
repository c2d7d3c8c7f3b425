// The CNI ADD result the bridge plugin prints, and flannel passes through unchanged (as does portmap
// after it), for flannel's cniVersion 0.3.1. The bridge builds a current (1.x) result and
// types.PrintResult converts it down to the 0.4.0 types (`pkg/types/100` convertTo04x), whose
// PrintTo is `json.MarshalIndent(r, "", "    ")` with no trailing newline. Key order is the Go struct
// field order: Result{cniVersion, interfaces, ips, routes, dns}, Interface{name, mac, sandbox} (0.4.0 has
// no mtu), IPConfig{version, interface, address, gateway}, Route{dst, gw}. DNS is a struct, which Go's
// omitempty never omits, hence `"dns": {}`.
import { type Cidr, formatCidr, formatIpv4 } from '../net/ipv4';
import { BRIDGE_NAME, type PodAttachment } from './attachment';

export interface CniInterface {
  readonly name: string;
  readonly mac: string;
  readonly sandbox?: string;
}

export interface CniIpConfig040 {
  readonly version: '4';
  readonly interface: number;
  readonly address: string;
  readonly gateway: string;
}

export interface CniRoute {
  readonly dst: string;
  readonly gw?: string;
}

export interface CniResult040 {
  readonly cniVersion: string;
  readonly interfaces: readonly CniInterface[];
  readonly ips: readonly CniIpConfig040[];
  readonly routes: readonly CniRoute[];
  readonly dns: Record<string, never>;
}

export interface BridgeResultInput {
  readonly attachment: PodAttachment;
  readonly bridgeMac: string;
  /** host-local's routes, from the delegate's ipam config (`{dst: FLANNEL_NETWORK}`, no gw). */
  readonly ipamRoutes: readonly Cidr[];
  readonly isDefaultGateway: boolean;
  readonly cniVersion: string;
}

export function bridgeAddResult(input: BridgeResultInput): CniResult040 {
  const a = input.attachment;
  const routes: CniRoute[] = input.ipamRoutes.map((dst) => ({ dst: formatCidr(dst) }));
  // calcGateways: with isDefaultGateway and no default route carrying a gw yet, append one via the gw.
  if (input.isDefaultGateway && !routes.some((r) => r.dst === '0.0.0.0/0' && r.gw !== undefined)) {
    routes.push({ dst: '0.0.0.0/0', gw: formatIpv4(a.gateway) });
  }
  return {
    cniVersion: input.cniVersion,
    // Always bridge, host veth, container interface: that is why every IP says "interface": 2.
    interfaces: [
      { name: BRIDGE_NAME, mac: input.bridgeMac },
      { name: a.hostVeth, mac: a.hostVethMac },
      { name: a.ifname, mac: a.podMac, sandbox: a.netnsPath },
    ],
    ips: [
      {
        version: '4',
        interface: 2,
        address: `${formatIpv4(a.ip)}/${a.prefix}`,
        gateway: formatIpv4(a.gateway),
      },
    ],
    routes,
    dns: {},
  };
}

/**
 * Go's json.MarshalIndent(v, "", "    ") for these plain values is JSON.stringify with 4 spaces: same
 * separators (`": "`), same `{}`/`[]` for empties, insertion order kept. (Go would also escape <, >, &
 * as \u003c…, which none of these values contain.)
 */
export function printCniResult(result: CniResult040): string {
  return JSON.stringify(result, null, 4);
}
