// A flannel backend (flannel `pkg/backend`: vxlan, host-gw, udp, …) as the simulator sees it: what
// flanneld creates on each node, how a packet leaves and arrives, what the encapsulation costs in MTU,
// and which user-space processes the diagram draws beside the devices. Each backend is one folder here, listed once in registry.ts.
import type { TunnelDriver } from '../datapath/tunnel';
import type { FdbEntry, NeighbourEntry, NetDevice, RouteEntry } from '../model/netns';
import type { FlannelBackend, NodeSpec, Scenario } from '../model/scenario';

/** The kernel entries flanneld programs on one node for its backend (devices carry their addresses). */
export interface NodeOverlayEntries {
  readonly devices: readonly NetDevice[];
  readonly routes: readonly RouteEntry[];
  readonly neighbours: readonly NeighbourEntry[];
  readonly fdb: readonly FdbEntry[];
}

/** A user-space process of the backend that packets pass through on every node (flanneld for udp). */
export interface BackendProcess {
  readonly name: string;
  /** What it does with packets, in a few words. */
  readonly role: string;
  /** `proto/port` it listens on. */
  readonly listens: readonly string[];
}

export interface FlannelBackendDriver {
  /** `Backend.Type` in net-conf.json. */
  readonly type: FlannelBackend;
  /** Bytes the encapsulation charges against the NIC MTU (FLANNEL_MTU = NIC MTU − this). */
  readonly mtuOverhead: number;
  /** The UDP port used when net-conf.json leaves `Port` at 0 (0 for a backend without one). */
  readonly defaultPort: number;
  /** How many devices `nodeEntries` creates: they take ifindex 3 onwards, before cni0 and the veths. */
  readonly deviceCount: number;
  /**
   * What flanneld creates on `node` once it holds its lease and sees the other nodes' leases: devices
   * numbered from `firstIfindex`, routes, neighbours and FDB entries. Built from the scenario alone, so
   * one node's view never needs another node's namespace.
   */
  nodeEntries(scenario: Scenario, node: NodeSpec, firstIfindex: number): NodeOverlayEntries;
  /**
   * The user-space processes packets pass through (none when the kernel carries them). The diagram draws
   * these beside the node's devices, which it reads from the namespace `nodeEntries` built.
   */
  processes(scenario: Scenario): readonly BackendProcess[];
  /**
   * How packets leave and arrive through the backend's device, for this cluster (a user-space relay needs
   * the other nodes' leases); null when they are simply routed.
   */
  tunnel(scenario: Scenario): TunnelDriver | null;
}
