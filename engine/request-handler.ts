// The engine's request handler: one loaded cluster at a time, answering the protocol's requests (load,
// trace, connections, node inspection, mode comparison, scaling). The Web Worker wraps it; tests and the
// CLI can call it directly.
import { podAttachment } from './cni/attachment';
import { Cluster, loadCluster } from './cluster/cluster';
import { inputCapBytes } from './scenario/input-caps';
import { stageDevices, stageProcesses } from './cluster/stage-view';
import { renderBridgeFdb } from './inspect/bridge-fdb';
import { renderIpAddr } from './inspect/ip-addr';
import { renderIpNeigh } from './inspect/ip-neigh';
import { renderIpRoute } from './inspect/ip-route';
import { formatCidr, formatIpv4 } from './net/ipv4';
import { iptablesSave } from './netfilter/iptables-save';
import { proxyMode } from './kube-proxy/modes';
import { isProxyMode, type ProxyMode } from './model/proxy-mode';
import type {
  ConnectionSpread,
  EngineReply,
  EngineRequest,
  ModeOutcome,
  ScalingPoint,
  ScalingSubject,
  ScenarioSummary,
  TraceParams,
} from './protocol';
import { formatDiagnostic } from './scenario/index';
import { syntheticScenario } from './scenario/synthetic-scenario';
import { ProxyModeEditError, withProxyMode } from './scenario/yaml-edits';
import { type HopJson, type TraceJson, traceToJson } from './trace/json';
import type { TraceRequest } from './trace/request';
import type { Delivery } from './trace/types';
import { traceConnection, traceConnections } from './trace/trace';
import { decodeUtf8 } from './scenario/decode-utf8';

export interface RequestHandler {
  handle(request: EngineRequest): EngineReply;
}

/** Upper bound on "send N connections", so one request cannot keep the worker busy indefinitely. */
export const MAX_CONNECTIONS = 1000;
/** Side by side means two or three; four modes exist, so all of them at most. */
export const MAX_COMPARED_MODES = 4;
/** The scaling chart stops at 10,000 Services (the documented limits tier), a few seconds per mode. */
export const MAX_SCALING_SERVICES = 10_000;

/**
 * Up to this many nodes the summary carries each node's devices (building every node's namespace, as the
 * first trace through it would); past it the stage draws an overview without them.
 */
export const STAGE_DEVICE_NODES = 16;

export function summarize(cluster: Cluster): ScenarioSummary {
  const s = cluster.scenario;
  const nodesByName = new Map(s.nodes.map((n) => [n.name, n]));
  const drawn = s.nodes.length <= STAGE_DEVICE_NODES;
  return {
    nodes: s.nodes.map((n) => ({
      name: n.name,
      internalIP: formatIpv4(n.internalIP),
      podCIDR: formatCidr(n.podCIDR),
      zone: n.zone,
      devices: drawn ? stageDevices(cluster.netns(`node/${n.name}`), cluster.tunnels) : null,
      processes: drawn ? stageProcesses(cluster, n.name) : null,
    })),
    pods: s.pods.map((p) => {
      const ip = cluster.podIP(`${p.namespace}/${p.name}`);
      const node = nodesByName.get(p.nodeName);
      // hostNetwork pods live in the node's namespace: no CNI ADD, no veth.
      const attachment = ip === undefined || !node || p.hostNetwork ? null : podAttachment(node, p, ip);
      return {
        key: `${p.namespace}/${p.name}`,
        node: p.nodeName,
        ip: ip === undefined ? null : formatIpv4(ip),
        ready: p.ready,
        ports: p.ports.map((c) => c.containerPort),
        hostVeth: attachment && { name: attachment.hostVeth, mac: attachment.hostVethMac },
      };
    }),
    services: s.services.map((v) => ({
      key: `${v.namespace}/${v.name}`,
      type: v.type,
      clusterIP: v.clusterIP === null ? null : formatIpv4(v.clusterIP),
      ports: v.ports.map((p) => ({ name: p.name, port: p.port, protocol: p.protocol, nodePort: p.nodePort })),
    })),
    flows: s.flows.map((f) => ({ name: f.name, from: f.from, to: f.to, protocol: f.protocol, size: f.size })),
    proxyMode: s.kubeProxy.mode,
    backend: s.flannel.backend,
  };
}

function toRequest(p: TraceParams): TraceRequest {
  return {
    from: p.from,
    to: p.to,
    ...(p.protocol && { protocol: p.protocol }),
    ...(p.seed !== undefined && { seed: p.seed }),
    ...(p.size !== undefined && { size: p.size }),
  };
}

/**
 * A cluster with `services` ClusterIP Services for the scaling chart: two nodes, a client on n0 and one
 * backend pod that every generated Service selects (one endpoint each — rule counts depend on Services and
 * endpoints, not on how many pods back them). One of the Services is kube-apiserver's default/kubernetes,
 * which every cluster has, so `services - 1` are generated. No CoreDNS, so the last Service in kube-proxy's
 * order is the last generated one (default/s… sorts after default/kubernetes).
 */
function scalingScenario(services: number, mode: ProxyMode): string {
  return syntheticScenario({
    nodes: 2,
    services: services - 1,
    deployments: 1,
    replicas: 1,
    proxyMode: mode,
    coreDns: false,
  });
}

/** The request's first packet: its hops up to delivery, drop or reject, with the rules and lookups walked. */
export function firstPacketCounts(hops: readonly HopJson[]): { rules: number; lookups: number } {
  let rules = 0;
  let lookups = 0;
  for (const h of hops) {
    if (h.direction !== 'request') continue;
    rules += h.rulesEvaluated;
    lookups += h.rules.filter((r) => r.lookup !== undefined).length;
  }
  return { rules, lookups };
}

/** The Service port kube-proxy writes last (sorted by namespace, name, port name, protocol), as a `--to`. */
export function lastServicePort(cluster: Cluster): string | null {
  let last: { key: readonly string[]; to: string } | null = null;
  for (const svc of cluster.scenario.services) {
    if (svc.clusterIP === null) continue;
    for (const p of svc.ports) {
      const key = [svc.namespace, svc.name, p.name ?? '', p.protocol];
      const later = last === null || key.join('\u0000') > last.key.join('\u0000');
      if (later) last = { key, to: `svc/${svc.namespace}/${svc.name}:${p.name ?? p.port}` };
    }
  }
  return last?.to ?? null;
}

function loadError(diagnostics: readonly Parameters<typeof formatDiagnostic>[0][]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  return errors.length ? errors.slice(0, 3).map(formatDiagnostic).join('\n') : 'the scenario did not load';
}

function outcomeOf(mode: ProxyMode, trace: TraceJson, seed: number): ModeOutcome {
  const first = firstPacketCounts(trace.hops);
  return {
    kind: 'traced',
    mode,
    seed,
    verdict: trace.verdict,
    deliveredTo: trace.deliveredTo,
    reason: trace.reason,
    rulesEvaluated: trace.rulesEvaluated,
    firstPacketRules: first.rules,
    firstPacketLookups: first.lookups,
    hops: trace.hops,
  };
}

const endpointKey = (d: Delivery | null): string | null =>
  d ? `${d.pod ?? d.netns} ${d.ip}:${d.port}` : null;

/** Seeds tried, from the request's own, for a trace that reaches the wanted endpoint in another mode. */
export const SAME_ENDPOINT_TRIES = 32;

/**
 * The flow traced with the first seed (from the request's) whose endpoint choice is `wanted`: each mode draws
 * its endpoint differently from one seed (iptables' probabilities, nftables' numgen, IPVS's scheduler), so
 * the same seed would compare a local backend with a remote one. Without a match, the request's own seed.
 */
export function traceToEndpoint(
  cluster: Cluster,
  req: TraceRequest,
  wanted: string | null,
): { trace: ReturnType<typeof traceConnection>; seed: number } {
  const first = req.seed ?? 1;
  const trace = traceConnection(cluster, cluster, { ...req, seed: first });
  if (wanted === null || endpointKey(trace.deliveredTo) === wanted) return { trace, seed: first };
  for (let seed = first + 1; seed < first + SAME_ENDPOINT_TRIES; seed++) {
    const t = traceConnection(cluster, cluster, { ...req, seed });
    if (endpointKey(t.deliveredTo) === wanted) return { trace: t, seed };
  }
  return { trace, seed: first };
}

export function createRequestHandler(): RequestHandler {
  let cluster: Cluster | null = null;
  let text = '';
  /** The loaded text's cap, kept for the variants re-read from it. */
  let maxBytes = inputCapBytes('editor');
  /** The loaded text re-loaded under other modes, kept until the next `load`. */
  let variants = new Map<ProxyMode, { cluster: Cluster | null; error: string | null }>();
  /** Synthetic clusters are costly at 10,000 Services and never change: their points are kept for good. */
  const scaling = new Map<string, ScalingPoint>();
  const variant = (mode: ProxyMode): { cluster: Cluster | null; error: string | null } => {
    if (!isProxyMode(mode))
      return { cluster: null, error: `unknown kube-proxy mode ${JSON.stringify(mode)}` };
    let v = variants.get(mode);
    if (!v) {
      let edited: string;
      try {
        edited = withProxyMode(text, mode);
      } catch (e) {
        if (!(e instanceof ProxyModeEditError)) throw e;
        return { cluster: null, error: e.message };
      }
      const result = loadCluster(edited, `<scenario, mode ${mode}>`, { maxBytes });
      v = { cluster: result.cluster, error: result.cluster ? null : loadError(result.diagnostics) };
      variants.set(mode, v);
    }
    return v;
  };
  const measure = (mode: ProxyMode, subject: ScalingSubject): ScalingPoint => {
    let c: Cluster | null;
    let from: string;
    let error: string | null = null;
    switch (subject.kind) {
      case 'synthetic': {
        const n = Math.max(1, Math.min(MAX_SCALING_SERVICES, Math.floor(subject.services)));
        const result = loadCluster(scalingScenario(n, mode), `<${n} Services, mode ${mode}>`);
        c = result.cluster;
        if (!c) error = loadError(result.diagnostics);
        from = 'pod/default/client';
        break;
      }
      case 'scenario': {
        const v = variant(mode);
        c = v.cluster;
        error = v.error;
        from = subject.from;
        break;
      }
      default: {
        const unknown: never = subject;
        throw new Error(`unknown scaling subject ${JSON.stringify(unknown)}`);
      }
    }
    const services = c?.scenario.services.length ?? (subject.kind === 'synthetic' ? subject.services : 0);
    const target = c ? lastServicePort(c) : null;
    const point = { mode, subject: subject.kind, services, target };
    if (!c || !target)
      return {
        ...point,
        verdict: null,
        firstPacketRules: 0,
        firstPacketLookups: 0,
        error: error ?? 'no Service with a cluster IP',
      };
    try {
      const trace = traceToJson(traceConnection(c, c, { from, to: target, seed: 1 }));
      const first = firstPacketCounts(trace.hops);
      return {
        ...point,
        verdict: trace.verdict,
        firstPacketRules: first.rules,
        firstPacketLookups: first.lookups,
        error: null,
      };
    } catch (e) {
      return {
        ...point,
        verdict: null,
        firstPacketRules: 0,
        firstPacketLookups: 0,
        error: e instanceof Error ? e.message : String(e),
      };
    }
  };
  const requireCluster = (): Cluster => {
    if (!cluster) throw new Error('no scenario loaded');
    return cluster;
  };
  const handle = (request: EngineRequest): EngineReply => {
    switch (request.kind) {
      case 'load': {
        maxBytes = inputCapBytes(request.origin ?? 'editor');
        const source = request.utf8 ? decodeUtf8(request.utf8) : request.text;
        const result = loadCluster(source, request.file ?? '<scenario>', { maxBytes });
        cluster = result.cluster;
        text = source;
        variants = new Map();
        // The loaded mode needs no second load.
        if (cluster) variants.set(cluster.scenario.kubeProxy.mode, { cluster, error: null });
        return {
          kind: 'loaded',
          summary: cluster ? summarize(cluster) : null,
          diagnostics: result.diagnostics,
        };
      }
      case 'trace': {
        const c = requireCluster();
        return { kind: 'trace', trace: traceToJson(traceConnection(c, c, toRequest(request.params))) };
      }
      case 'connections': {
        const c = requireCluster();
        const count = Math.max(1, Math.min(MAX_CONNECTIONS, Math.floor(request.count)));
        const traces = traceConnections(c, c, toRequest(request.params), count);
        const spread = new Map<string, number>();
        const verdicts: Record<string, number> = {};
        for (const t of traces) {
          verdicts[t.verdict] = (verdicts[t.verdict] ?? 0) + 1;
          if (t.deliveredTo) {
            const key = `${t.deliveredTo.pod ?? t.deliveredTo.netns} ${t.deliveredTo.ip}:${t.deliveredTo.port}`;
            spread.set(key, (spread.get(key) ?? 0) + 1);
          }
        }
        const list: ConnectionSpread[] = [...spread.entries()]
          .sort((a, b) => (a[0] < b[0] ? -1 : 1))
          .map(([endpoint, n]) => ({ endpoint, count: n }));
        return { kind: 'connections', spread: list, verdicts };
      }
      case 'inspect-node': {
        const c = requireCluster();
        const ns = c.netns(`node/${request.node}`);
        return {
          kind: 'node',
          inspection: {
            node: request.node,
            ipAddr: renderIpAddr(ns),
            ipRoute: renderIpRoute(ns),
            ipNeigh: renderIpNeigh(ns),
            bridgeFdb: renderBridgeFdb(ns),
            iptablesSave: iptablesSave(ns.ruleset ?? c.nodeRuleset(request.node)),
            proxyViews: proxyMode(c.scenario.kubeProxy.mode).inspectorViews(c, request.node),
          },
        };
      }
      case 'compare-modes': {
        const own = requireCluster();
        const req = toRequest(request.params);
        try {
          withProxyMode(text, 'iptables');
        } catch (e) {
          if (!(e instanceof ProxyModeEditError)) throw e;
          return { kind: 'modes', outcomes: [], unchangeable: e.message };
        }
        // Like with like: every mode is shown reaching the endpoint the scenario's own mode picked.
        let wanted: string | null = null;
        try {
          wanted = endpointKey(traceConnection(own, own, req).deliveredTo);
        } catch {
          wanted = null;
        }
        const outcomes = request.modes.slice(0, MAX_COMPARED_MODES).map((mode): ModeOutcome => {
          const v = variant(mode);
          if (!v.cluster) return { kind: 'failed', mode, error: v.error ?? 'the scenario did not load' };
          try {
            const { trace, seed } = traceToEndpoint(v.cluster, req, wanted);
            return outcomeOf(mode, traceToJson(trace), seed);
          } catch (e) {
            return { kind: 'failed', mode, error: e instanceof Error ? e.message : String(e) };
          }
        });
        return { kind: 'modes', outcomes, unchangeable: null };
      }
      case 'cni-process':
        return { kind: 'cni', process: requireCluster().cniProcess(request.pod, request.command) };
      case 'mode-scaling': {
        const subject = request.subject;
        if (subject.kind === 'scenario') {
          requireCluster();
          return { kind: 'mode-scaling', point: measure(request.mode, subject) };
        }
        const key = `${request.mode} ${subject.services}`;
        let point = scaling.get(key);
        if (!point) {
          point = measure(request.mode, subject);
          scaling.set(key, point);
        }
        return { kind: 'mode-scaling', point };
      }
      default: {
        const unknown: never = request;
        throw new Error(`unknown request ${JSON.stringify(unknown)}`);
      }
    }
  };
  return {
    handle(request) {
      try {
        return handle(request);
      } catch (e) {
        return { kind: 'error', message: e instanceof Error ? e.message : String(e) };
      }
    },
  };
}
