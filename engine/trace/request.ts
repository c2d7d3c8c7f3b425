// A trace request in the CLI's words: `--from pod/NS/NAME|node/NAME|external/IP` and
// `--to IP:PORT|svc/NS/NAME:PORT|pod/NS/NAME:PORT|node/NAME:PORT`, resolved against the cluster.
import { formatIpv4, parseIpv4 } from '../net/ipv4';
import type { NodeSpec, Protocol, ServiceSpec } from '../model/scenario';
import {
  type NameDirectory,
  nodeSuggestion,
  podSuggestion,
  serviceSuggestion,
} from '../model/name-suggestions';

export interface TraceRequest {
  readonly from: string;
  readonly to: string;
  readonly protocol?: Protocol;
  readonly seed?: number;
  /** IP total length of the first packet; a TCP SYN is 60 bytes by default. */
  readonly size?: number;
}

export interface ClusterDirectory {
  podIP(key: string): number | undefined;
  podNode(key: string): string | undefined;
  node(name: string): NodeSpec | undefined;
  firstNode(): NodeSpec;
  service(namespace: string, name: string): ServiceSpec | undefined;
  /** Every node, pod and Service, for "did you mean …" when a name is not found. */
  readonly scenario: NameDirectory;
}

export interface ResolvedSource {
  readonly netns: string;
  readonly label: string;
  /** The client's own address when it is fixed (external clients); pods and nodes pick by route. */
  readonly address: number | null;
}

export interface ResolvedDestination {
  readonly ip: number;
  readonly port: number;
  readonly protocol: Protocol;
  readonly label: string;
}

export class TraceRequestError extends Error {}

/** A pod absent from the directory: the suggestion, unless the pod exists (it then has no address). */
function unknownPod(dir: ClusterDirectory, namespace: string, name: string, port: string): string {
  if (dir.scenario.pods.some((p) => p.namespace === namespace && p.name === name)) return '';
  return podSuggestion(dir.scenario, namespace, name, (k) => `pod/${k}${port}`);
}

export function resolveSource(spec: string, dir: ClusterDirectory): ResolvedSource {
  const parts = spec.split('/');
  switch (parts[0]) {
    case 'pod': {
      if (parts.length === 2)
        throw new TraceRequestError(
          `--from ${spec}: expected pod/NAMESPACE/NAME${podSuggestion(dir.scenario, null, parts[1]!, (k) => `pod/${k}`)}`,
        );
      if (parts.length !== 3) throw new TraceRequestError(`--from ${spec}: expected pod/NAMESPACE/NAME`);
      const key = `${parts[1]}/${parts[2]}`;
      if (dir.podIP(key) === undefined)
        throw new TraceRequestError(
          `--from ${spec}: no pod ${key} with an IP in this scenario${unknownPod(dir, parts[1]!, parts[2]!, '')}`,
        );
      return { netns: `pod/${key}`, label: `pod ${key}`, address: null };
    }
    case 'node': {
      if (parts.length !== 2 || !dir.node(parts[1]!))
        throw new TraceRequestError(
          `--from ${spec}: no node named ${parts[1] ?? ''}${nodeSuggestion(dir.scenario, parts.slice(1).join('/'), (n) => `node/${n}`)}`,
        );
      return { netns: `node/${parts[1]}`, label: `node ${parts[1]}`, address: null };
    }
    case 'external': {
      const ip = parts.length === 2 ? parseIpv4(parts[1]!) : null;
      if (ip === null) throw new TraceRequestError(`--from ${spec}: expected external/IPv4-ADDRESS`);
      return { netns: `external/${formatIpv4(ip)}`, label: `external client ${formatIpv4(ip)}`, address: ip };
    }
    default:
      throw new TraceRequestError(`--from ${spec}: expected pod/NS/NAME, node/NAME or external/IP`);
  }
}

function splitPort(spec: string, what: string): [string, string] {
  const colon = spec.lastIndexOf(':');
  if (colon < 0) throw new TraceRequestError(`--to ${spec}: expected ${what}:PORT`);
  return [spec.slice(0, colon), spec.slice(colon + 1)];
}

function portNumber(text: string, spec: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port < 1 || port > 65535)
    throw new TraceRequestError(`--to ${spec}: port must be 1-65535, got ${text}`);
  return port;
}

export function resolveDestination(
  spec: string,
  dir: ClusterDirectory,
  fromExternal: boolean,
  protocol?: Protocol,
): ResolvedDestination {
  if (spec.startsWith('svc/')) {
    const [head, portText] = splitPort(spec, 'svc/NS/NAME');
    const parts = head.split('/');
    if (parts.length !== 3) throw new TraceRequestError(`--to ${spec}: expected svc/NAMESPACE/NAME:PORT`);
    const svc = dir.service(parts[1]!, parts[2]!);
    if (!svc)
      throw new TraceRequestError(
        `--to ${spec}: no Service ${parts[1]}/${parts[2]}${serviceSuggestion(dir.scenario, parts[1]!, parts[2]!, (k) => `svc/${k}:${portText}`)}`,
      );
    if (svc.type === 'ExternalName') {
      throw new TraceRequestError(
        `--to ${spec}: Service ${svc.namespace}/${svc.name} is ExternalName (a DNS CNAME to ${svc.externalName ?? '?'}); kube-proxy writes no rules for it, so trace to the name instead (--to ${svc.name}.${svc.namespace}:PORT)`,
      );
    }
    const named = svc.ports.find((p) => p.name === portText);
    // A packet carries a port number and a protocol, not a port name: with a protocol asked for, a named
    // port of the other protocol stands for its number (kube-dns's `dns` is 53/UDP; TCP to 53 is `dns-tcp`).
    const number = named ? String(named.port) : portText;
    const port =
      named && (!protocol || named.protocol === protocol)
        ? named
        : svc.ports.find((p) => String(p.port) === number && (!protocol || p.protocol === protocol));
    if (!port && named)
      throw new TraceRequestError(
        `--to ${spec}: Service ${svc.namespace}/${svc.name} port ${portText} is ${named.port}/${named.protocol}, and the Service has no ${protocol} port ${named.port}`,
      );
    if (!port)
      throw new TraceRequestError(
        `--to ${spec}: Service ${svc.namespace}/${svc.name} has no port ${portText} (ports: ${svc.ports.map((p) => p.name ?? p.port).join(', ')})`,
      );
    const label = `service ${svc.namespace}/${svc.name}:${port.name ?? port.port}`;
    if (fromExternal) {
      // From outside the cluster a Service is reached through its LoadBalancer IP, an external IP, or a NodePort.
      const lb = svc.loadBalancerIPs[0] ?? svc.externalIPs[0];
      if (lb !== undefined)
        return { ip: lb, port: port.port, protocol: port.protocol, label: `${label} via ${formatIpv4(lb)}` };
      if (port.nodePort) {
        const node = dir.firstNode();
        return {
          ip: node.internalIP,
          port: port.nodePort,
          protocol: port.protocol,
          label: `${label} via NodePort ${port.nodePort} on ${node.name}`,
        };
      }
    }
    if (svc.clusterIP === null)
      throw new TraceRequestError(
        `--to ${spec}: Service ${svc.namespace}/${svc.name} is headless or ExternalName and has no ClusterIP; trace to one of its pods instead`,
      );
    return { ip: svc.clusterIP, port: port.port, protocol: port.protocol, label };
  }
  if (spec.startsWith('pod/')) {
    const [head, portText] = splitPort(spec, 'pod/NS/NAME');
    const key = head.slice(4);
    const ip = dir.podIP(key);
    if (ip === undefined) {
      const parts = key.split('/');
      const hint =
        parts.length === 2
          ? unknownPod(dir, parts[0]!, parts[1]!, `:${portText}`)
          : parts.length === 1
            ? podSuggestion(dir.scenario, null, key, (k) => `pod/${k}:${portText}`)
            : '';
      throw new TraceRequestError(`--to ${spec}: no pod ${key} with an IP${hint}`);
    }
    return { ip, port: portNumber(portText, spec), protocol: protocol ?? 'TCP', label: `pod ${key}` };
  }
  if (spec.startsWith('node/')) {
    const [head, portText] = splitPort(spec, 'node/NAME');
    const node = dir.node(head.slice(5));
    if (!node)
      throw new TraceRequestError(
        `--to ${spec}: no node ${head.slice(5)}${nodeSuggestion(dir.scenario, head.slice(5), (n) => `node/${n}:${portText}`)}`,
      );
    return {
      ip: node.internalIP,
      port: portNumber(portText, spec),
      protocol: protocol ?? 'TCP',
      label: `node ${node.name}`,
    };
  }
  const [ipText, portText] = splitPort(spec, 'IP');
  const ip = parseIpv4(ipText);
  if (ip === null)
    throw new TraceRequestError(
      `--to ${spec}: expected IP:PORT, svc/NS/NAME:PORT, pod/NS/NAME:PORT or node/NAME:PORT`,
    );
  return {
    ip,
    port: portNumber(portText, spec),
    protocol: protocol ?? 'TCP',
    label: `${ipText}:${portText}`,
  };
}
