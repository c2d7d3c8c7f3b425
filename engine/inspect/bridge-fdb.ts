// `bridge fdb show [dev DEV]` (iproute2 bridge/fdb.c print_fdb): MAC, `dev` (left out when filtering by
// that device), `dst`, the `self` flag, `master`, then the state (`permanent`, or nothing for a learned
// entry), each field "%s ". Only modelled entries are printed: the kernel also lists the multicast
// addresses each device has joined (33:33:…, 01:00:5e:…) as `self permanent`, which `dev flannel.1`
// (the checked case) does not have.
import type { FdbEntry, Netns } from '../model/netns';
import { formatIpv4 } from '../net/ipv4';

export function renderFdbEntry(e: FdbEntry, filteredByDev: boolean): string {
  let line = `${e.mac} `;
  if (!filteredByDev) line += `dev ${e.dev} `;
  if (e.dst !== undefined) line += `dst ${formatIpv4(e.dst)} `;
  if (e.self) line += 'self ';
  if (e.master !== undefined) line += `master ${e.master} `;
  if (e.permanent) line += 'permanent';
  return line;
}

export function renderBridgeFdb(ns: Netns, opts: { readonly dev?: string } = {}): string {
  const entries = opts.dev === undefined ? ns.fdb : ns.fdb.filter((e) => e.dev === opts.dev);
  return entries.map((e) => renderFdbEntry(e, opts.dev !== undefined) + '\n').join('');
}
