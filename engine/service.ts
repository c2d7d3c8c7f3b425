// The engine behind the protocol: one loaded cluster at a time, answering the app's requests. The Web
// Worker wraps it; tests and the CLI can call it directly.
import { podAttachment } from './cni/attachment';
import { Cluster, loadCluster } from './cluster/cluster';
import { renderBridgeFdb } from './inspect/bridge-fdb';
import { renderIpAddr } from './inspect/ip-addr';
import { renderIpNeigh } from './inspect/ip-neigh';
import { renderIpRoute } from './inspect/ip-route';
import { formatCidr, formatIpv4 } from './net/ipv4';
import { iptablesSave } from './netfilter/iptables-save';
import type { ConnectionSpread, EngineReply, EngineRequest, ScenarioSummary, TraceParams } from './protocol';
import { traceToJson } from './trace/json';
import type { TraceRequest } from './trace/request';
import { traceConnection, traceConnections } from './trace/trace';

export interface EngineService {
  handle(request: EngineRequest): EngineReply;
}

/** Upper bound on "send N connections", so one request cannot keep the worker busy indefinitely. */
export const MAX_CONNECTIONS = 1000;

export function summarize(cluster: Cluster): ScenarioSummary {
  const s = cluster.scenario;
  const nodesByName = new Map(s.nodes.map((n) => [n.name, n]));
  return {
    nodes: s.nodes.map((n) => ({ name: n.name, internalIP: formatIpv4(n.internalIP), podCIDR: formatCidr(n.podCIDR), zone: n.zone })),
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

export function createEngineService(): EngineService {
  let cluster: Cluster | null = null;
  const requireCluster = (): Cluster => {
    if (!cluster) throw new Error('no scenario loaded');
    return cluster;
  };
  const handle = (request: EngineRequest): EngineReply => {
    switch (request.kind) {
      case 'load': {
        const result = loadCluster(request.text, request.file ?? '<scenario>');
        cluster = result.cluster;
        return { kind: 'loaded', summary: cluster ? summarize(cluster) : null, diagnostics: result.diagnostics };
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
        const list: ConnectionSpread[] = [...spread.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([endpoint, n]) => ({ endpoint, count: n }));
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
          },
        };
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
