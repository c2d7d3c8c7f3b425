// `ip neigh` (iproute2 ip/ipneigh.c): `<ip> dev <dev> lladdr <mac> <STATE> `, each field "%s ". The kernel
// dumps its neighbour hash table, so with several entries the real order is hash order; this prints
// them in the order they were programmed (a lab with one entry per node is the checked case).
import type { NeighbourEntry, Netns } from '../model/netns';
import { formatIpv4 } from '../net/ipv4';

export function renderNeighbour(n: NeighbourEntry): string {
  return `${formatIpv4(n.ip)} dev ${n.dev} lladdr ${n.mac} ${n.state} `;
}

export function renderIpNeigh(ns: Netns): string {
  return ns.neighbours.map((n) => renderNeighbour(n) + '\n').join('');
}
