// When the scenario changes under the flow (a pasted file, an edit, a share link), the pod, node or
// Service the flow names may be gone. Rather than fail with the command line's wording, the flow falls back
// to a choice this scenario has, and says so in a plain sentence.
import type { ScenarioSummary } from '../../engine/protocol';
import type { SharedFlow } from '../../engine';

export interface FlowFallback {
  readonly flow: SharedFlow;
  /** What changed and why, for the notice. */
  readonly sentence: string;
}

function splitPort(spec: string): [string, string] {
  const colon = spec.lastIndexOf(':');
  return colon < 0 ? [spec, ''] : [spec.slice(0, colon), spec.slice(colon + 1)];
}

const hasPod = (s: ScenarioSummary, key: string) => s.pods.some((p) => p.key === key && p.ip !== null);
const hasNode = (s: ScenarioSummary, name: string) => s.nodes.some((n) => n.name === name);

/** Why the source cannot be used in this scenario, or null when it can (or is not ours to judge). */
export function missingSource(s: ScenarioSummary, from: string): string | null {
  if (from.startsWith('pod/'))
    return hasPod(s, from.slice(4)) ? null : `there is no pod ${from.slice(4)} with an address`;
  if (from.startsWith('node/')) return hasNode(s, from.slice(5)) ? null : `there is no node ${from.slice(5)}`;
  return null;
}

/**
 * Why the destination cannot be used, or null. Names, addresses and URLs are left to the engine: a name
 * that does not resolve is a lesson in itself, not a broken form.
 */
export function missingDestination(s: ScenarioSummary, to: string): string | null {
  const [head, port] = splitPort(to);
  if (head.startsWith('svc/')) {
    const key = head.slice(4);
    const svc = s.services.find((v) => v.key === key);
    if (!svc) return `there is no Service ${key}`;
    const known = svc.ports.some((p) => p.name === port || String(p.port) === port);
    return known ? null : `Service ${key} has no port ${port}`;
  }
  if (head.startsWith('pod/'))
    return hasPod(s, head.slice(4)) ? null : `there is no pod ${head.slice(4)} with an address`;
  if (head.startsWith('node/')) return hasNode(s, head.slice(5)) ? null : `there is no node ${head.slice(5)}`;
  return null;
}

const words = (spec: string) =>
  spec.replace(/^(svc|pod|node)\//, (_, k: string) => (k === 'svc' ? 'service ' : `${k} `));

/** Application pods before the cluster's own (CoreDNS, the ingress controller). */
function preferApps<T>(items: readonly T[], namespace: (t: T) => string): T[] {
  return [...items].sort(
    (a, b) => Number(namespace(a) === 'kube-system') - Number(namespace(b) === 'kube-system'),
  );
}

function firstSource(s: ScenarioSummary): string | null {
  const pod = preferApps(
    s.pods.filter((p) => p.ip !== null),
    (p) => p.key.split('/')[0]!,
  )[0];
  if (pod) return `pod/${pod.key}`;
  return s.nodes[0] ? `node/${s.nodes[0].name}` : null;
}

function firstDestination(s: ScenarioSummary, from: string): { to: string; protocol?: 'TCP' | 'UDP' } | null {
  const services = preferApps(
    s.services.filter((v) => v.clusterIP !== null && v.ports.length > 0),
    (v) => v.key.split('/')[0]!,
  );
  const svc = services[0];
  const port = svc?.ports[0];
  if (svc && port) {
    const protocol = port.protocol === 'UDP' ? 'UDP' : 'TCP';
    return { to: `svc/${svc.key}:${port.name ?? port.port}`, protocol };
  }
  const pod = s.pods.find((p) => p.ip !== null && `pod/${p.key}` !== from);
  if (pod) return { to: `pod/${pod.key}:${pod.ports[0] ?? 80}` };
  return null;
}

/** The flow to use in this scenario, with a sentence, when the current one names something it lacks; else null. */
export function fallbackFlow(s: ScenarioSummary, flow: SharedFlow): FlowFallback | null {
  const fromGone = missingSource(s, flow.from);
  const toGone = missingDestination(s, flow.to);
  if (!fromGone && !toGone) return null;
  const why = [fromGone, toGone].filter((w) => w !== null).join(' and ');
  // A flow the scenario itself declares is the best guess at what its author meant to show.
  const declared = s.flows.find((f) => !missingSource(s, f.from) && !missingDestination(s, f.to));
  if (declared) {
    const protocol = declared.protocol === 'UDP' ? 'UDP' : 'TCP';
    return {
      flow: { from: declared.from, to: declared.to, protocol },
      sentence: `In this scenario ${why}, so the packet now follows the scenario's own flow “${declared.name}”: from ${words(declared.from)} to ${words(declared.to)}.`,
    };
  }
  const from = fromGone ? firstSource(s) : flow.from;
  const dest = toGone ? firstDestination(s, from ?? '') : { to: flow.to };
  if (!from || !dest) return null;
  const next: SharedFlow = {
    from,
    to: dest.to,
    protocol: 'protocol' in dest && dest.protocol ? dest.protocol : (flow.protocol ?? 'TCP'),
  };
  const parts = [
    fromGone ? `starts at ${words(from)}` : null,
    toGone ? `goes to ${words(dest.to)}` : null,
  ].filter((p) => p !== null);
  return { flow: next, sentence: `In this scenario ${why}, so the packet now ${parts.join(' and ')}.` };
}
