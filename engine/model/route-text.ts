// One route as `ip route` prints it (iproute2 ip/iproute.c print_route): `default` for 0.0.0.0/0, host
// routes without `/32`, then `via`, `dev`, `proto` unless boot, `scope` unless global, `src`, and flags
// such as `onlink`; every field is printed as "%s " so the line ends in a space. Here, below both the
// datapath (which quotes the route a packet used) and `ip route` (engine/inspect/ip-route.ts).
import { formatIpv4 } from '../net/ipv4';
import type { RouteEntry } from './netns';

export function renderRoute(r: RouteEntry): string {
  let line = r.type === 'unicast' ? '' : `${r.type} `;
  if (r.dst.prefix === 0 && r.dst.network === 0) line += 'default ';
  else if (r.dst.prefix === 32) line += `${formatIpv4(r.dst.network)} `;
  else line += `${formatIpv4(r.dst.network)}/${r.dst.prefix} `;
  if (r.gateway !== undefined) line += `via ${formatIpv4(r.gateway)} `;
  line += `dev ${r.dev} `;
  if (r.proto !== 'boot') line += `proto ${r.proto} `;
  if (r.scope !== 'global') line += `scope ${r.scope} `;
  if (r.src !== undefined) line += `src ${formatIpv4(r.src)} `;
  if (r.onlink) line += 'onlink ';
  return line;
}
