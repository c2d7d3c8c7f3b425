// The routing hop of a trace: which route (or local address) the lookup chose, as `ip route` prints it.
import type { Netns } from '../model/netns';
import { formatIpv4 } from '../net/ipv4';
import type { DatapathContext } from './context';
import { routeText } from './describe';
import type { Packet } from '../net/packet';
import type { RouteResult } from './routing';

export function recordRouting(
  ctx: DatapathContext,
  ns: Netns,
  packet: Packet,
  route: RouteResult,
  context: string,
): void {
  const dst = formatIpv4(packet.ip.dst);
  if (route.kind === 'local') {
    ctx.record(
      ns,
      route.dev,
      'routing',
      packet,
      packet,
      `${dst} is an address of this namespace (${route.dev}): local delivery (${context})`,
      {
        route: `local ${dst} dev ${route.dev} table local proto kernel scope host src ${dst}`,
      },
    );
  } else if (route.kind === 'unicast') {
    ctx.record(
      ns,
      route.route.dev,
      'routing',
      packet,
      packet,
      `${context}; longest prefix match for ${dst} is ${routeText(route.route)}`,
      { route: routeText(route.route) },
    );
  }
}
