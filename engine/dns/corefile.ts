// The Corefile CoreDNS runs, reduced to what shapes an answer: for each server block its zones and port,
// and the plugins that answer or pass a query on (hosts, kubernetes, forward) plus cache. The syntax is
// Caddy's: `ZONE[:PORT]… { directive args… [{ sub-directives }] }`, `#` comments, quoted words.
// Plugins run in CoreDNS's compiled order (plugin.cfg: … cache … hosts … kubernetes … forward …), not
// the order they are written in, so only their presence and options are kept.

import type {
  CachePlugin,
  Corefile,
  ForwardPlugin,
  HostsPlugin,
  KubernetesPlugin,
  ServerBlock,
} from '../model/corefile';

export interface CorefileProblem {
  readonly line: number;
  readonly severity: 'error' | 'warning';
  readonly message: string;
}

/** kubeadm's Corefile (cmd/kubeadm/app/phases/addons/dns/manifests.go) for a DNS domain. */
export function kubeadmCorefile(dnsDomain: string): string {
  return `.:53 {
    errors
    health {
       lameduck 5s
    }
    ready
    kubernetes ${dnsDomain} in-addr.arpa ip6.arpa {
       pods insecure
       fallthrough in-addr.arpa ip6.arpa
       ttl 30
    }
    prometheus :9153
    forward . /etc/resolv.conf {
       max_concurrent 1000
    }
    cache 30 {
       disable success ${dnsDomain}
       disable denial ${dnsDomain}
    }
    loop
    reload
    loadbalance
}
`;
}

interface Token {
  readonly text: string;
  readonly line: number;
  /** The token starts a new line (a directive begins). */
  readonly first: boolean;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let lineStart = true;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\n') {
      line++;
      lineStart = true;
      i++;
    } else if (c === ' ' || c === '\t' || c === '\r') i++;
    else if (c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '{' || c === '}') {
      tokens.push({ text: c, line, first: lineStart });
      lineStart = false;
      i++;
    } else {
      let word = '';
      if (c === '"') {
        i++;
        while (i < text.length && text[i] !== '"') {
          if (text[i] === '\\' && i + 1 < text.length) i++;
          if (text[i] === '\n') line++;
          word += text[i];
          i++;
        }
        i++;
      } else {
        while (i < text.length && !/[\s{}]/.test(text[i]!)) word += text[i++];
        // `{` directly after a word on the same line still opens a block (Caddy allows `zone{`).
      }
      tokens.push({ text: word, line, first: lineStart });
      lineStart = false;
    }
  }
  return tokens;
}

interface Directive {
  readonly name: string;
  readonly args: readonly string[];
  readonly line: number;
  readonly block: readonly Directive[];
}

/** Normalises a zone as CoreDNS does (plugin.Host.NormalizeExact): lower case, fully qualified. */
export function normalizeZone(zone: string): string {
  let z = zone.toLowerCase().replace(/^dns:\/\//, '');
  if (z !== '.' && !z.endsWith('.')) z += '.';
  return z;
}

const KNOWN_NOT_SIMULATED = new Set([
  'autopath',
  'rewrite',
  'template',
  'file',
  'auto',
  'etcd',
  'k8s_external',
  'dnssec',
  'acl',
  'view',
  'erratic',
  'whoami',
  'secondary',
  'grpc',
  'route53',
]);

/** Reads a Corefile; problems come back with their line, and a partial result is still returned. */
export function parseCorefile(text: string): { corefile: Corefile; problems: CorefileProblem[] } {
  const problems: CorefileProblem[] = [];
  const tokens = tokenize(text);
  let pos = 0;

  const readBlock = (): Directive[] => {
    // After `{`: directives until the matching `}`.
    const out: Directive[] = [];
    while (pos < tokens.length && tokens[pos]!.text !== '}') {
      const head = tokens[pos++]!;
      if (head.text === '{') {
        problems.push({ line: head.line, severity: 'error', message: 'unexpected "{"' });
        continue;
      }
      const args: string[] = [];
      while (
        pos < tokens.length &&
        !tokens[pos]!.first &&
        tokens[pos]!.text !== '{' &&
        tokens[pos]!.text !== '}'
      )
        args.push(tokens[pos++]!.text);
      let block: Directive[] = [];
      if (pos < tokens.length && tokens[pos]!.text === '{' && !tokens[pos]!.first) {
        pos++;
        block = readBlock();
      }
      out.push({ name: head.text, args, line: head.line, block });
    }
    if (pos >= tokens.length)
      problems.push({
        line: tokens[tokens.length - 1]?.line ?? 1,
        severity: 'error',
        message: 'unexpected end of the Corefile: a "}" is missing',
      });
    else pos++; // the `}`
    return out;
  };

  const servers: ServerBlock[] = [];
  while (pos < tokens.length) {
    const keys: Token[] = [];
    while (pos < tokens.length && tokens[pos]!.text !== '{') keys.push(tokens[pos++]!);
    if (pos >= tokens.length) {
      problems.push({
        line: keys[0]?.line ?? 1,
        severity: 'error',
        message: `server block "${keys.map((k) => k.text).join(' ')}" has no "{"`,
      });
      break;
    }
    const line = tokens[pos]!.line;
    pos++;
    const directives = readBlock();
    const zones: string[] = [];
    let port = 53;
    for (const key of keys.flatMap((k) => k.text.split(',')).filter((k) => k !== '')) {
      const m = /^(?:dns:\/\/)?([^:]*)(?::(\d+))?$/.exec(key);
      if (!m) {
        problems.push({ line, severity: 'error', message: `server block key "${key}" is not ZONE[:PORT]` });
        continue;
      }
      zones.push(normalizeZone(m[1] === '' ? '.' : m[1]!));
      if (m[2] !== undefined) port = Number(m[2]);
    }
    servers.push(readServer(zones, port, directives, problems));
  }
  return { corefile: { text, servers }, problems };
}

function fallthroughZones(args: readonly string[]): string[] {
  return args.map(normalizeZone);
}

function readServer(
  zones: string[],
  port: number,
  directives: readonly Directive[],
  problems: CorefileProblem[],
): ServerBlock {
  let kubernetes: KubernetesPlugin | null = null;
  let hosts: HostsPlugin | null = null;
  let forward: ForwardPlugin | null = null;
  let cache: CachePlugin | null = null;
  for (const d of directives) {
    switch (d.name) {
      case 'kubernetes': {
        let pods: KubernetesPlugin['pods'] = 'disabled';
        let ttl = 5;
        let fallthrough: string[] | null = null;
        let endpointPodNames = false;
        let ignoreEmptyService = false;
        let namespaces: string[] = [];
        for (const o of d.block) {
          if (o.name === 'pods') {
            const mode = o.args[0];
            if (mode === 'disabled' || mode === 'insecure' || mode === 'verified') pods = mode;
            else
              problems.push({
                line: o.line,
                severity: 'error',
                message: `kubernetes: pods must be disabled, insecure or verified, not "${mode ?? ''}"`,
              });
          } else if (o.name === 'ttl') {
            const n = Number(o.args[0]);
            // kubernetes/setup.go: "ttl must be in range [0, 3600]"
            if (!Number.isInteger(n) || n < 0 || n > 3600)
              problems.push({
                line: o.line,
                severity: 'error',
                message: `kubernetes: ttl must be in range [0, 3600]: ${o.args[0] ?? ''}`,
              });
            else ttl = n;
          } else if (o.name === 'fallthrough') fallthrough = fallthroughZones(o.args);
          else if (o.name === 'endpoint_pod_names') endpointPodNames = true;
          else if (o.name === 'ignore' && o.args[0] === 'empty_service') ignoreEmptyService = true;
          else if (o.name === 'namespaces') namespaces = [...o.args];
        }
        kubernetes = {
          zones: d.args.length > 0 ? d.args.map(normalizeZone) : zones,
          pods,
          ttl,
          fallthrough,
          endpointPodNames,
          ignoreEmptyService,
          namespaces,
        };
        break;
      }
      case 'hosts': {
        const entries: { ip: string; names: string[] }[] = [];
        let ttl = 3600;
        let fallthrough: string[] | null = null;
        for (const o of d.block) {
          if (o.name === 'ttl') ttl = Number(o.args[0] ?? 3600);
          else if (o.name === 'fallthrough') fallthrough = fallthroughZones(o.args);
          else if (o.name === 'reload' || o.name === 'no_reverse') continue;
          else if (/^[0-9a-fA-F:.]+$/.test(o.name) && o.args.length > 0) {
            entries.push({ ip: o.name, names: o.args.map((n) => normalizeZone(n)) });
          }
        }
        // `hosts [FILE [ZONES…]]`: the first argument is the file (/etc/hosts here, which holds nothing
        // about the cluster), the rest are zones; inline entries are what a scenario can give.
        hosts = {
          entries,
          zones: d.args.length > 1 ? d.args.slice(1).map(normalizeZone) : zones,
          ttl,
          fallthrough,
        };
        break;
      }
      case 'forward':
        forward = { from: normalizeZone(d.args[0] ?? '.'), to: d.args.slice(1) };
        break;
      case 'cache': {
        const ttl = d.args[0] === undefined ? 3600 : Number(d.args[0]);
        const disableSuccess: string[] = [];
        const disableDenial: string[] = [];
        for (const o of d.block) {
          if (o.name !== 'disable') continue;
          const target =
            o.args[0] === 'success' ? disableSuccess : o.args[0] === 'denial' ? disableDenial : null;
          target?.push(...o.args.slice(1).map(normalizeZone));
        }
        cache = { ttl, disableSuccess, disableDenial };
        break;
      }
      default:
        if (KNOWN_NOT_SIMULATED.has(d.name))
          problems.push({
            line: d.line,
            severity: 'warning',
            message: `plugin "${d.name}" is not simulated: answers are computed as if it were absent`,
          });
    }
  }
  return { zones, port, plugins: directives.map((d) => d.name), kubernetes, hosts, forward, cache };
}
