// Work bounded by what it costs, not by the file's size: pods × the Services selecting them is what the
// endpoint controller, every node's rules and each trace pay for, and a file of a few KB can ask for millions
// (one Deployment of 199,000 replicas, 40 Services selecting it). The budgets sit above Kubernetes' own
// scalability envelope (limits.ts), so a real cluster never meets them; a file that does is refused with an
// error on the Service that crossed the line, before any endpoint or rule is made.
import type { EndpointSliceSpec, ServiceSpec } from '../model/scenario';
import { thousands, type Diagnostics, type Place } from './diagnostics';
import { MAX_RULES_PER_NODE, MAX_SERVICE_ENDPOINTS } from './limits';
import type { PodSelectorIndex } from './pod-selector-index';

/** iptables rules for one Service: per port a KUBE-SERVICES jump and a masquerade, 3 per endpoint. */
function rulesOf(ports: number, endpoints: number): number {
  return Math.max(ports, 1) * (2 + 3 * endpoints);
}

/**
 * Counts each Service's endpoints (selected pods, or the endpoints of the slices a dump gives) and reports
 * the first Service past either budget. Returns false when the scenario is over budget.
 */
export function withinCostBudget(
  services: readonly ServiceSpec[],
  selectorPlaces: ReadonlyMap<string, Place>,
  slices: readonly EndpointSliceSpec[],
  controllerWritten: ReadonlySet<string>,
  index: PodSelectorIndex,
  diags: Diagnostics,
): boolean {
  const given = new Map<string, number>();
  for (const s of slices) {
    const key = `${s.namespace}/${s.serviceName}`;
    given.set(key, (given.get(key) ?? 0) + s.endpoints.length);
  }
  let endpoints = 0;
  let rules = 0;
  for (const service of services) {
    const key = `${service.namespace}/${service.name}`;
    const selected =
      service.selector === null || service.type === 'ExternalName' || controllerWritten.has(key)
        ? 0
        : index.count(service.namespace, service.selector);
    const own = selected + (given.get(key) ?? 0);
    endpoints += own;
    rules += rulesOf(service.ports.length, own);
    const place = selectorPlaces.get(key);
    if (place === undefined) continue;
    const what = `Service "${key}" ${selected > 0 ? `selects ${thousands(selected)} pods` : `has ${thousands(own)} endpoints`}`;
    if (endpoints > MAX_SERVICE_ENDPOINTS) {
      diags.error(
        place,
        `${what}, which brings all Services to ${thousands(endpoints)} endpoints, more than the budget of ${thousands(MAX_SERVICE_ENDPOINTS)} (Kubernetes' envelope: 10,000 Services of 250 endpoints); not simulated`,
      );
      return false;
    }
    if (rules > MAX_RULES_PER_NODE) {
      diags.error(
        place,
        `${what} on ${service.ports.length} ports, which brings each node's kube-proxy rules to ${thousands(rules)}, more than the budget of ${thousands(MAX_RULES_PER_NODE)}; not simulated`,
      );
      return false;
    }
  }
  return true;
}
