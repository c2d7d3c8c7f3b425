// `ip route` (iproute2 ip/iproute.c print_route) for the main table: `default` for 0.0.0.0/0, host
// routes without `/32`, then `via`, `dev`, `proto` unless boot, `scope` unless global, `src`, and flags
// such as `onlink`; every field is printed as "%s " so each line ends in a space. Order is the kernel's
// dump order (see sortRoutesLikeKernel).
import type { Netns } from '../model/netns';
import { renderRoute } from '../model/route-text';
import { sortRoutesLikeKernel } from '../topology/kernel-entries';

export { renderRoute };

export function renderIpRoute(ns: Netns): string {
  const main = sortRoutesLikeKernel(ns.routes.filter((r) => r.table === 'main'));
  return main.map((r) => renderRoute(r) + '\n').join('');
}
