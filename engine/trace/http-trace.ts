// `--to http(s)://HOST/PATH` from an external client, through ingress-nginx: the client's TCP connection to
// the controller (LoadBalancer IP, or a node's NodePort) traced like any other; nginx's decision (server,
// location, redirect, default backend or upstream peer); then the controller pod's own connection to the
// chosen peer, traced too; and the status that comes back. Public DNS is taken to point HOST at the
// controller, as the operator would have set it up.
import type { Datapath } from '../datapath/datapath';
import type { World } from '../datapath/world';
import type { DnsDirectory } from '../dns/resolve';
import type { NamedDestination } from '../dns/trace-dns';
import { requestId, upstreamHeaders } from '../ingress/headers';
import { buildNginxModel, type NginxModel } from '../ingress/nginx-servers';
import { matchingTable, routeRequest, upstreamText, type RouteAction } from '../ingress/route';
import { upstreamPeers } from '../ingress/upstream';
import type { Scenario } from '../model/scenario';
import { formatIpv4, parseIpv4 } from '../net/ipv4';
import type { SeededRandom } from '../random';
import { type ClusterDirectory, type TraceRequest, TraceRequestError } from './request';
import type { ConnectionOptions, HttpStep, Trace } from './types';

type Connect = (
  world: World,
  dir: ClusterDirectory,
  request: TraceRequest,
  options: ConnectionOptions,
) => Trace;

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  // nginx's own reason phrases (ngx_http_status_lines): 302 is "Moved Temporarily".
  301: 'Moved Permanently',
  302: 'Moved Temporarily',
  303: 'See Other',
  307: 'Temporary Redirect',
  308: 'Permanent Redirect',
  400: 'Bad Request',
  404: 'Not Found',
  502: 'Bad Gateway',
  503: 'Service Temporarily Unavailable',
  504: 'Gateway Time-out',
};

const models = new WeakMap<Scenario, NginxModel>();

function modelOf(scenario: Scenario): NginxModel {
  let m = models.get(scenario);
  if (!m) {
    m = buildNginxModel(scenario.ingress?.ingresses ?? []);
    models.set(scenario, m);
  }
  return m;
}

/** Whether `to` from `from` is an HTTP request for the ingress controller. */
export function isIngressRequest(
  dir: ClusterDirectory | DnsDirectory,
  from: string,
  named: NamedDestination | null,
): boolean {
  return (
    named?.scheme != null &&
    from.startsWith('external/') &&
    'scenario' in dir &&
    (dir as DnsDirectory).scenario.ingress?.controller != null
  );
}

function explicitPort(to: string): boolean {
  return /^https?:\/\/[^/:?#]+:\d+/i.test(to);
}

export function traceHttp(
  world: World,
  dir: ClusterDirectory & DnsDirectory,
  request: TraceRequest,
  named: NamedDestination & { scheme: 'http' | 'https' },
  options: { datapath: Datapath; random: SeededRandom },
  connect: Connect,
): Trace {
  const scenario = dir.scenario;
  const controller = scenario.ingress!.controller!;
  const svc = dir.service(controller.namespace, controller.service);
  if (!svc)
    throw new TraceRequestError(
      `--to ${request.to}: the ingress controller Service ${controller.namespace}/${controller.service} is missing`,
    );
  const scheme = named.scheme;
  const given = explicitPort(request.to);
  const servicePort =
    svc.ports.find((p) => p.name === scheme) ??
    svc.ports.find((p) => p.port === (scheme === 'https' ? 443 : 80));
  // Where HOST leads: an address in the URL, else the controller's LoadBalancer IP, else a node's NodePort.
  let address: number;
  let port = named.port;
  let via: string;
  const literal = parseIpv4(named.host);
  if (literal !== null) {
    address = literal;
    via = 'the address in the URL';
  } else if (svc.loadBalancerIPs[0] !== undefined) {
    address = svc.loadBalancerIPs[0];
    via = `public DNS: ${named.host} → LoadBalancer IP of service ${svc.namespace}/${svc.name}`;
  } else {
    const node = dir.firstNode();
    address = node.internalIP;
    if (!given && servicePort?.nodePort) port = servicePort.nodePort;
    via = `public DNS: ${named.host} → node ${node.name}; NodePort ${port} of service ${svc.namespace}/${svc.name}${given ? '' : ` (as curl ${scheme}://${named.host}:${port}${named.path})`}`;
  }
  // curl's Host header: the URL's host, with the port when it is not the scheme's default.
  const hostHeader = port === (scheme === 'https' ? 443 : 80) ? named.host : `${named.host}:${port}`;
  const clientHeaders = { Host: hostHeader, Accept: '*/*' };
  const first = connect(
    world,
    dir,
    {
      from: request.from,
      to: `${formatIpv4(address)}:${port}`,
      protocol: 'TCP',
      seed: request.seed ?? 1,
      ...(request.size !== undefined && { size: request.size }),
    },
    options,
  );
  const base = { ...first, request: { ...first.request, to: request.to, label: named.host } };
  const rowsOnly = (why: string, controllerPod: string | null, extra: Partial<HttpStep> = {}): Trace => ({
    ...base,
    http: {
      request: { method: 'GET', scheme, host: hostHeader, path: named.path, headers: clientHeaders },
      connect: { address: formatIpv4(address), port, via },
      controller: controllerPod,
      tls: null,
      server: null,
      status: null,
      statusText: null,
      responseHeaders: {},
      matched: null,
      upstream: null,
      rules: [],
      why,
      ...extra,
    },
  });
  if (first.verdict !== 'delivered' || first.reply?.verdict !== 'delivered')
    return rowsOnly(
      'the connection to the ingress controller did not complete: no HTTP request was sent',
      null,
    );
  const podKey = first.deliveredTo?.pod ?? null;
  const pod = podKey === null ? undefined : scenario.pods.find((p) => `${p.namespace}/${p.name}` === podKey);
  if (
    !pod ||
    pod.namespace !== controller.namespace ||
    !pod.ownerDeployment?.endsWith(`/${controller.deployment}`)
  ) {
    return rowsOnly(
      `the connection reached ${podKey ?? first.deliveredTo?.netns ?? 'something'}, not the ingress controller`,
      podKey,
    );
  }
  const serverPort = first.deliveredTo!.port;
  if (serverPort === 80 && scheme === 'https')
    return rowsOnly(
      "a TLS ClientHello sent to nginx's plain-HTTP port: the handshake fails (curl: wrong version number)",
      podKey,
    );
  if (serverPort === 443 && scheme === 'http') {
    return rowsOnly("plain HTTP sent to nginx's TLS port", podKey, {
      status: 400,
      statusText: 'The plain HTTP request was sent to HTTPS port',
    });
  }

  const model = modelOf(scenario);
  const decision = routeRequest(model, { scheme, host: hostHeader, path: named.path });
  const rules = matchingTable(model, decision);
  const loc = decision.location;
  const matched =
    loc.ingress === null
      ? null
      : {
          ingress: loc.ingress,
          host: decision.server.hostname === '_' ? '*' : decision.server.hostname,
          path: loc.ingressPath,
          pathType: loc.pathType,
          location: rules.find((r) => r.winner)?.location ?? '',
          backend: upstreamText(loc.upstream),
        };
  const deliverHop = [...first.hops].reverse().find((h) => h.direction === 'request' && h.kind === 'deliver');
  const remoteAddr = deliverHop
    ? formatIpv4(deliverHop.after.ip.src)
    : request.from.slice('external/'.length);
  const tls =
    decision.certificate === null
      ? null
      : {
          sni: hostHeader.replace(/:\d+$/, ''),
          certificate:
            'secret' in decision.certificate
              ? `secret ${decision.certificate.secret}`
              : `CN=${decision.certificate.fake}`,
        };
  const common = {
    request: { method: 'GET' as const, scheme, host: hostHeader, path: named.path, headers: clientHeaders },
    connect: { address: formatIpv4(address), port, via },
    controller: podKey,
    tls,
    server: decision.server.hostname,
    matched,
    rules,
  };
  const respond = (status: number, why: string, extra: Partial<HttpStep> = {}): Trace => ({
    ...base,
    http: {
      ...common,
      status,
      statusText: STATUS_TEXT[status] ?? null,
      responseHeaders: {},
      upstream: null,
      why,
      ...extra,
    },
  });

  const action = decision.action;
  if (action.kind === 'redirect') {
    const why: Record<typeof action.reason, string> = {
      'app-root': `app-root: nginx answers \`/\` itself with a redirect to the application root`,
      'permanent-redirect': `the location's permanent-redirect annotation: nginx answers itself, no backend is contacted`,
      'temporal-redirect': `the location's temporal-redirect annotation: nginx answers itself, no backend is contacted`,
      rewrite: 'the rewrite-target makes an absolute URL, so nginx redirects the client there',
      'ssl-redirect': decision.location.annotations.forceSslRedirect
        ? 'force-ssl-redirect: plain HTTP is redirected to HTTPS'
        : 'the host has TLS (spec.tls), so plain HTTP is redirected (ssl-redirect defaults to true)',
    };
    return respond(action.status, why[action.reason], { responseHeaders: { Location: action.location } });
  }
  // --default-backend-service: the default upstream is that Service's first port (getDefaultUpstream);
  // without ready endpoints nginx falls back to its own 404 server.
  const custom = controller.args.defaultBackendService;
  const customSvc = custom && dir.service(custom.namespace, custom.name);
  let target: Extract<RouteAction, { kind: 'proxy' }> | null = action.kind === 'proxy' ? action : null;
  if (action.kind === 'default-backend') {
    const where =
      decision.serverMatch === 'catch-all' && loc.isDefaultBackend
        ? 'no Ingress rule matches this host: the catch-all server answers from the default backend'
        : 'no path of this host matches: its `/` location goes to the default backend';
    const firstPort = customSvc?.ports[0];
    const peers =
      custom && firstPort
        ? upstreamPeers(dir, {
            kind: 'service',
            namespace: custom.namespace,
            service: custom.name,
            port: firstPort.port,
            serviceUpstream: false,
          })
        : null;
    if (!custom || !peers || peers.peers.length === 0)
      return respond(
        404,
        custom
          ? `${where}; --default-backend-service ${custom.namespace}/${custom.name} has no ready endpoint (${peers?.why ?? 'no such Service or port'}), so nginx answers 404 itself`
          : where,
      );
    target = {
      kind: 'proxy',
      upstream: {
        kind: 'service',
        namespace: custom.namespace,
        service: custom.name,
        port: firstPort!.port,
        serviceUpstream: false,
      },
      path: named.path,
      rewrite: null,
    };
  }
  const defaultBackend = action.kind === 'default-backend';
  const act = target!;
  const upstream = upstreamPeers(dir, act.upstream);
  const reqId = requestId(() => options.random.int(0, 0xffff));
  const headers = upstreamHeaders({ host: hostHeader, scheme, remoteAddr, serverPort, requestId: reqId });
  const upstreamBase = {
    name: defaultBackend ? 'upstream-default-backend' : upstream.name,
    path: act.path,
    rewrite: act.rewrite?.directive ?? null,
    peers: upstream.peers.map((p) => `${formatIpv4(p.ip)}:${p.port}`),
    serviceUpstream: act.upstream.serviceUpstream,
    headers,
  };
  if (upstream.peers.length === 0) {
    return respond(503, `${upstream.why ?? 'no endpoints'}: the upstream has no peers`, {
      upstream: { ...upstreamBase, chosen: null, pod: null },
    });
  }
  const peer = upstream.peers[options.random.int(0, upstream.peers.length - 1)]!;
  const second = connect(
    world,
    dir,
    {
      from: `pod/${podKey}`,
      to: `${formatIpv4(peer.ip)}:${peer.port}`,
      protocol: 'TCP',
      seed: request.seed ?? 1,
    },
    options,
  );
  const answered = second.verdict === 'delivered' && second.reply?.verdict === 'delivered';
  // The backend's own answer is taken to be 200; a default backend's to be 404 (ingress-nginx's image
  // answers every path but /healthz with 404).
  const status = answered
    ? defaultBackend
      ? 404
      : 200
    : second.verdict === 'dropped' || second.reply === null
      ? 504
      : 502;
  const servedBy = second.deliveredTo?.pod ?? null;
  const rewritten = act.rewrite ? ` as GET ${act.path} (${act.rewrite.directive})` : '';
  const why = answered
    ? `${defaultBackend ? 'no rule matches: proxied to the default backend (--default-backend-service) ' : `proxied${rewritten} to `}${upstreamText(act.upstream)} → ${servedBy ?? `${formatIpv4(peer.ip)}:${peer.port}`}, which answered${defaultBackend ? " (404 assumed, as ingress-nginx's default backend answers)" : ''}`
    : status === 504
      ? `the connection to ${formatIpv4(peer.ip)}:${peer.port} got no answer (proxy_connect_timeout)`
      : `the connection to ${formatIpv4(peer.ip)}:${peer.port} was refused (${second.reason ?? second.reply?.kind ?? 'reset'})`;
  return respond(status, why, {
    upstream: { ...upstreamBase, chosen: `${formatIpv4(peer.ip)}:${peer.port}`, pod: servedBy ?? peer.pod },
    upstreamTrace: second,
  });
}
