// What the datapath needs to know about the cluster while a packet moves: namespaces by id (built on
// first use, so a 5,000-node cluster only builds the nodes a packet touches) and who listens where.
import type { Netns } from '../model/netns';
import type { TransportProto } from './packet';

export interface World {
  netns(id: string): Netns;
  /** Whether a socket in this namespace accepts `proto` on `port` (pods: their declared container ports). */
  isListening(netnsId: string, proto: TransportProto, port: number): boolean;
  /** Friendly name of the endpoint behind a namespace (`pod/shop/web-…`), for traces. */
  describe(netnsId: string): string;
}
