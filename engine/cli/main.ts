// `podpath`: the engine from a terminal. Every command reads one scenario file; errors name the file, line,
// column and field, and the exit code is 1 (2 for a usage mistake).
import { readFileSync, statSync } from 'node:fs';
import { Cluster, loadCluster } from '../cluster/cluster';
import { restorePayload } from '../kube-proxy/iptables/sync-proxy-rules';
import { renderTransaction } from '../kube-proxy/nftables/transaction';
import { listRuleset } from '../netfilter/nft/list-ruleset';
import { iptablesSave } from '../netfilter/iptables-save';
import { formatDiagnostic } from '../scenario';
import { traceToJson } from '../trace/json';
import { TraceRequestError } from '../trace/request';
import { traceToText } from '../trace/text';
import { traceConnection } from '../trace/trace';
import { flag, parseArgs, UsageError } from './args';
import { encodeShare, MAX_FRAGMENT_CHARS } from '../share/link-codec';
import { runDnsCommand } from './dns-command';
import { cniProcessText } from '../cni/add-steps';
import { ipvsRulesText, userspaceRulesText } from './proxy-mode-rules';

const USAGE = `usage:
  podpath validate FILE
  podpath rules FILE --node NAME [--mode iptables|nftables|ipvs|userspace]
                [--format restore|save (iptables) | list|nft (nftables)]
  podpath cni FILE --pod NAMESPACE/NAME [--steps] [--del] [--json]
  podpath trace FILE --from pod/NS/NAME|node/NAME|external/IP --to IP:PORT|svc/NS/NAME:PORT|pod/NS/NAME:PORT|node/NAME:PORT
                [--protocol TCP|UDP] [--seed N] [--size BYTES] [--json]
  podpath dns FILE --from pod/NS/NAME|node/NAME|external/IP NAME [--type A|AAAA|SRV|PTR|TXT|CNAME|SOA|NS] [--seed N] [--json]
  podpath link FILE [--from SRC --to DST] [--protocol TCP|UDP] [--seed N] [--step N] [--base URL]
  podpath lab FILE… [--flow "--from SRC --to DST [--protocol P] [--size N]"]…   (root, Linux namespaces)
`;

/** The CLI refuses files larger than the scenario reader accepts, before reading them into memory. */
const MAX_FILE_BYTES = 2 * 1024 * 1024;

interface Io {
  out(text: string): void;
  err(text: string): void;
}

function readScenario(file: string | undefined): string {
  if (!file) throw new UsageError('missing FILE');
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new CliError(`${file}: no such file`);
  }
  if (size > MAX_FILE_BYTES)
    throw new CliError(`${file}: ${size} bytes is larger than the 2 MiB a scenario may be`);
  return readFileSync(file, 'utf8');
}

class CliError extends Error {}

function load(file: string | undefined, io: Io): Cluster {
  const text = readScenario(file);
  const { cluster, diagnostics } = loadCluster(text, file);
  for (const d of diagnostics) io.err(formatDiagnostic(d) + '\n');
  if (!cluster) throw new CliError(`${file}: the scenario has errors`);
  return cluster;
}

function required(value: string | undefined, name: string): string {
  if (value === undefined) throw new UsageError(`--${name} is required`);
  return value;
}

export async function runCli(argv: readonly string[], io: Io): Promise<number> {
  try {
    const [command, ...rest] = argv;
    const args = parseArgs(rest, new Set(['json', 'help', 'steps', 'del']));
    const file = args.positional[0];
    switch (command) {
      case 'validate': {
        const text = readScenario(file);
        const { cluster, diagnostics } = loadCluster(text, file);
        for (const d of diagnostics) io.err(formatDiagnostic(d) + '\n');
        if (!cluster) return 1;
        const s = cluster.scenario;
        io.out(
          `${file}: valid — ${s.nodes.length} nodes, ${s.pods.length} pods, ${s.services.length} services, ${cluster.endpointSlices.length} EndpointSlices\n`,
        );
        return 0;
      }
      case 'rules': {
        const cluster = load(file, io);
        const node = required(flag(args, 'node'), 'node');
        if (!cluster.node(node))
          throw new CliError(
            `no node ${node} (nodes: ${cluster.scenario.nodes.map((n) => n.name).join(', ')})`,
          );
        const mode = flag(args, 'mode') ?? cluster.scenario.kubeProxy.mode;
        switch (mode) {
          case 'iptables': {
            const format = flag(args, 'format') ?? 'restore';
            if (format === 'restore') io.out(restorePayload(cluster.kubeProxyRules(node)));
            else if (format === 'save') io.out(iptablesSave(cluster.nodeRuleset(node)));
            else throw new UsageError(`--format must be restore or save in iptables mode, not ${format}`);
            return 0;
          }
          case 'nftables': {
            // `list`: what `nft list ruleset` shows of kube-proxy's table; `nft`: the transaction it runs with nft -f.
            const format = flag(args, 'format') ?? 'list';
            const result = cluster.kubeProxyNftablesRules(node);
            if (format === 'list') io.out(listRuleset([result.table]));
            else if (format === 'nft') io.out(renderTransaction(result.ops));
            else throw new UsageError(`--format must be list or nft in nftables mode, not ${format}`);
            return 0;
          }
          case 'ipvs':
          case 'userspace': {
            // One combined view each (ipvsadm + ipset + iptables-save; the legacy portal rules): no formats.
            const format = flag(args, 'format');
            if (format !== undefined)
              throw new UsageError(`--format is not used in ${mode} mode (got ${format})`);
            io.out(mode === 'ipvs' ? ipvsRulesText(cluster, node) : userspaceRulesText(cluster, node));
            return 0;
          }
          default:
            throw new UsageError(`--mode must be iptables, nftables, ipvs or userspace, not ${mode}`);
        }
      }
      case 'cni': {
        // --steps: the ADD as the runtime and plugins perform it; --del: the DEL; --json: both as data.
        const cluster = load(file, io);
        const pod = required(flag(args, 'pod'), 'pod');
        const command = flag(args, 'del') !== undefined ? 'DEL' : 'ADD';
        if (flag(args, 'json') !== undefined) {
          const result = command === 'ADD' ? { result: JSON.parse(cluster.cniResult(pod)) as unknown } : {};
          io.out(JSON.stringify({ ...cluster.cniProcess(pod, command), ...result }, null, 2) + '\n');
        } else if (flag(args, 'steps') !== undefined || command === 'DEL') {
          io.out(cniProcessText(cluster.cniProcess(pod, command)));
          if (command === 'ADD') io.out(cluster.cniResult(pod) + '\n');
        } else io.out(cluster.cniResult(pod) + '\n');
        return 0;
      }
      case 'trace': {
        const cluster = load(file, io);
        const protocol = flag(args, 'protocol')?.toUpperCase();
        if (protocol !== undefined && protocol !== 'TCP' && protocol !== 'UDP')
          throw new UsageError('--protocol must be TCP or UDP');
        const seedText = flag(args, 'seed');
        const sizeText = flag(args, 'size');
        const seed = seedText === undefined ? 1 : Number(seedText);
        const size = sizeText === undefined ? undefined : Number(sizeText);
        if (!Number.isInteger(seed)) throw new UsageError('--seed must be an integer');
        if (size !== undefined && (!Number.isInteger(size) || size < 28 || size > 65535))
          throw new UsageError('--size must be an IP packet length in bytes, 28-65535');
        const trace = traceToJson(
          traceConnection(cluster, cluster, {
            from: required(flag(args, 'from'), 'from'),
            to: required(flag(args, 'to'), 'to'),
            seed,
            ...(protocol && { protocol: protocol as 'TCP' | 'UDP' }),
            ...(size !== undefined && { size }),
          }),
        );
        io.out(flag(args, 'json') ? JSON.stringify(trace, null, 2) + '\n' : traceToText(trace));
        return 0;
      }
      case 'dns': {
        const cluster = load(file, io);
        const name = args.positional[1];
        if (name === undefined) throw new UsageError('dns needs a NAME to resolve');
        const seedText = flag(args, 'seed');
        const seed = seedText === undefined ? 1 : Number(seedText);
        if (!Number.isInteger(seed)) throw new UsageError('--seed must be an integer');
        const result = runDnsCommand(cluster, {
          from: required(flag(args, 'from'), 'from'),
          name,
          type: flag(args, 'type'),
          seed,
        });
        if (result.kind !== 'ok')
          throw result.kind === 'usage' ? new UsageError(result.message) : new CliError(result.message);
        io.out(flag(args, 'json') ? JSON.stringify(result.json, null, 2) + '\n' : result.text);
        return result.json.addresses.length > 0 || result.json.records.length > 0 ? 0 : 1;
      }
      case 'link': {
        const text = readScenario(file);
        const cluster = load(file, io);
        const flowFrom = flag(args, 'from');
        const flowTo = flag(args, 'to');
        const first = cluster.scenario.flows[0];
        if ((flowFrom === undefined) !== (flowTo === undefined))
          throw new UsageError('give both --from and --to, or neither (then the first Flow is used)');
        if (flowFrom === undefined && !first)
          throw new UsageError('the scenario has no Flow: give --from and --to');
        const protocol = (
          flag(args, 'protocol') ?? (flowFrom === undefined ? first!.protocol : 'TCP')
        ).toUpperCase();
        if (protocol !== 'TCP' && protocol !== 'UDP') throw new UsageError('--protocol must be TCP or UDP');
        const seed = Number(flag(args, 'seed') ?? 1);
        const step = Number(flag(args, 'step') ?? 0);
        if (!Number.isInteger(seed) || !Number.isInteger(step) || step < 0)
          throw new UsageError('--seed and --step must be integers (step ≥ 0)');
        const from = flowFrom ?? first!.from;
        const to = flowTo ?? first!.to;
        // Refuse a link whose flow cannot be traced, rather than hand out a link that opens to an error.
        traceConnection(cluster, cluster, { from, to, seed, protocol });
        const fragment = await encodeShare({ scenario: text, flow: { from, to, protocol }, seed, step });
        if (fragment.length - 4 > MAX_FRAGMENT_CHARS)
          throw new CliError(
            `the link would be ${fragment.length} characters, more than the app accepts (${MAX_FRAGMENT_CHARS})`,
          );
        const base = flag(args, 'base');
        io.out(`${base ? base.replace(/#.*$/, '') : ''}${fragment}\n`);
        return 0;
      }
      case 'lab': {
        // The lab is a test harness, not engine code: loaded only when asked for (needs root).
        const labModule = '../../e2e/kernel/run-lab.ts';
        const { runLab } = (await import(/* @vite-ignore */ labModule)) as {
          runLab: (o: { files: string[]; flows?: string[] }) => Promise<{ passed: number; failed: number }>;
        };
        const files = args.positional;
        if (files.length === 0) throw new UsageError('lab needs at least one scenario FILE');
        const result = await runLab({ files, flows: args.flags.get('flow') ?? [] });
        return result.failed > 0 ? 1 : 0;
      }
      case undefined:
      case 'help':
      case '--help':
        io.out(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command ${command}`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`podpath: ${e.message}\n${USAGE}`);
      return 2;
    }
    if (e instanceof CliError || e instanceof TraceRequestError) {
      io.err(`podpath: ${e.message}\n`);
      return 1;
    }
    io.err(`podpath: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}
