// The sources and destinations a user can pick, in the trace request's own words
// (`pod/NS/NAME`, `node/NAME`, `external/IP`; `svc/NS/NAME:PORT`, `pod/NS/NAME:PORT`, `node/NAME:NODEPORT`).
import type { ScenarioSummary } from '../../engine/protocol';

export interface FlowOption {
  readonly value: string;
  readonly label: string;
  readonly group: string;
  /** A Service port or NodePort is one protocol: choosing it chooses that protocol too. */
  readonly protocol?: 'TCP' | 'UDP';
  /** The same port number on the same Service in another protocol (kube-dns's `dns` and `dns-tcp`). */
  readonly sibling?: string;
}

const protocolOf = (p: string): 'TCP' | 'UDP' | undefined => (p === 'TCP' || p === 'UDP' ? p : undefined);

/** TEST-NET-3 (RFC 5737): an address that is plainly outside the cluster. */
export const EXTERNAL_CLIENT = 'external/203.0.113.10';

export function sourceOptions(summary: ScenarioSummary): FlowOption[] {
  return [
    ...summary.pods
      .filter((p) => p.ip !== null)
      .map((p) => ({ value: `pod/${p.key}`, label: `pod ${p.key} (${p.ip})`, group: 'Pods' })),
    ...summary.nodes.map((n) => ({
      value: `node/${n.name}`,
      label: `node ${n.name} (${n.internalIP})`,
      group: 'Nodes',
    })),
    { value: EXTERNAL_CLIENT, label: 'external client 203.0.113.10', group: 'Outside' },
  ];
}

export function destinationOptions(summary: ScenarioSummary): FlowOption[] {
  const services = summary.services.flatMap((s) =>
    s.ports.map((p): FlowOption => {
      const protocol = protocolOf(p.protocol);
      const twin = s.ports.find((q) => q !== p && q.port === p.port && q.protocol !== p.protocol);
      return {
        value: `svc/${s.key}:${p.name ?? p.port}`,
        label: `service ${s.key}:${p.name ?? p.port} (${s.clusterIP ?? 'no cluster IP'}:${p.port}/${p.protocol})`,
        group: 'Service ports',
        ...(protocol && { protocol }),
        ...(twin && { sibling: `svc/${s.key}:${twin.name ?? twin.port}` }),
      };
    }),
  );
  const nodePorts = summary.services.flatMap((s) =>
    s.ports
      .filter((p) => p.nodePort > 0)
      .flatMap((p) =>
        summary.nodes.map((n): FlowOption => {
          const protocol = protocolOf(p.protocol);
          return {
            value: `node/${n.name}:${p.nodePort}`,
            label: `NodePort ${n.name}:${p.nodePort}/${p.protocol} (${s.key})`,
            group: 'NodePorts',
            ...(protocol && { protocol }),
          };
        }),
      ),
  );
  // A container may list one port twice, once per protocol (CoreDNS's 53/UDP and 53/TCP); the destination
  // names a port number and the Protocol field says which, so each number is listed once.
  const pods = summary.pods
    .filter((p) => p.ip !== null)
    .flatMap((p) =>
      [...new Set(p.ports.length ? p.ports : [80])].map((port) => ({
        value: `pod/${p.key}:${port}`,
        label: `pod ${p.key}:${port}`,
        group: 'Pods',
      })),
    );
  // Two Services' NodePorts cannot collide, but keep the list's values unique whatever the input says.
  const seen = new Set<string>();
  return [...services, ...nodePorts, ...pods].filter((o) => !seen.has(o.value) && !!seen.add(o.value));
}

/**
 * The destination to send with a protocol: a Service port of the other protocol becomes its same-numbered
 * sibling when there is one (choosing TCP with kube-dns's `dns` selected means `dns-tcp`).
 */
export function destinationForProtocol(
  options: readonly FlowOption[],
  value: string,
  protocol: 'TCP' | 'UDP',
): string {
  const option = options.find((o) => o.value === value);
  if (!option?.protocol || option.protocol === protocol || !option.sibling) return value;
  return option.sibling;
}

/** Names a pod can resolve for each Service port, short to fully qualified (the resolv.conf search list does the rest). */
export function nameSuggestions(summary: ScenarioSummary, clusterDomain = 'cluster.local'): string[] {
  return summary.services
    .filter((s) => s.clusterIP !== null)
    .flatMap((s) => {
      const [ns, name] = s.key.split('/', 2);
      return s.ports
        .filter((p) => p.protocol === 'TCP')
        .flatMap((p) => [`${name}.${ns}:${p.port}`, `${name}.${ns}.svc.${clusterDomain}:${p.port}`]);
    });
}

/**
 * A typed destination in the trace request's words. A bare name or address gets port 80, the way `curl web`
 * would (`web` → `web:80`); everything else (`svc/…`, `pod/…`, `node/…`, `NAME:PORT`, `IP:PORT`, URLs) is
 * passed through for the engine to read. Returns null for an empty field.
 */
export function typedDestination(text: string): string | null {
  const t = text.trim();
  if (t === '') return null;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(t) || /^(svc|pod|node)\//.test(t) || /:\d+$/.test(t)) return t;
  return `${t}:80`;
}
