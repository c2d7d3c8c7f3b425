// What the datapath needs to know about the cluster while a packet moves: namespaces by id (built on
// first use, so a 5,000-node cluster only builds the nodes a packet touches) and who listens where.
import type { InterfaceAddress, Netns } from '../model/netns';
import type { TransportProto } from '../net/packet';
import type { TunnelDriver } from './tunnel';

/** What a neighbour on the same layer-2 segment sees of a device: its MAC and addresses. */
export interface DeviceSummary {
  readonly mac: string;
  readonly addresses: readonly InterfaceAddress[];
}

export interface World {
  netns(id: string): Netns;
  /** The tunnel drivers of the cluster's overlay (flannel's backend), none for a routed overlay. */
  readonly tunnels: readonly TunnelDriver[];
  /**
   * One device of a namespace, without building the whole namespace: ARP and the bridge's FDB only need the
   * far end's MAC and addresses, and building every node behind an underlay switch would cost gigabytes at
   * 5,000 nodes.
   */
  peerDevice(netnsId: string, ifname: string): DeviceSummary | undefined;
  /**
   * Why a socket in this namespace accepts `proto` on `port`, for the trace (`''` when it goes without
   * saying, e.g. a declared containerPort), or null when nothing listens there.
   */
  listener(netnsId: string, proto: TransportProto, port: number): string | null;
  /** Friendly name of the endpoint behind a namespace (`pod/shop/web-…`), for traces. */
  describe(netnsId: string): string;
  /** kube-proxy's userspace-mode proxy socket on this port of a node namespace (legacy mode only). */
  userspacePortal?(
    netnsId: string,
    port: number,
  ):
    | {
        readonly servicePort: string;
        readonly proxyPort: number;
        readonly backends: readonly string[];
        readonly sessionAffinity: boolean;
      }
    | undefined;
}
