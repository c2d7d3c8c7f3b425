// `podpath`: the engine from a terminal. Every command reads one scenario file; errors name the file, line,
// column and field, and the exit code is 1 (2 for a usage mistake).
import { Cluster, loadCluster } from '../cluster/cluster';
import { proxyMode } from '../kube-proxy/modes';
import { isProxyMode, PROXY_MODE_NAMES } from '../model/proxy-mode';
import { formatDiagnostic } from '../scenario';
import { traceToJson } from '../trace/json';
import { TraceRequestError } from '../trace/request';
import { traceToText } from '../trace/text';
import { traceConnection } from '../trace/trace';
import { byteCount, decimalInteger, readCommandArgs, UsageError, type CommandArgs } from './args';
import { COMMANDS, orList, usageOf, USAGE } from './commands';
import { encodeShare, MAX_FRAGMENT_CHARS } from '../share/link-codec';
import { runDnsCommand } from './dns-command';
import { cniProcessText } from '../cni/add-steps';
import { loadKernelLab } from './kernel-lab';
import { listCluster, lsText } from './ls-command';
import { nodeSuggestion, podSuggestion } from '../model/name-suggestions';
import { DEFAULT_MAX_INPUT_BYTES, InputError, readInput } from './read-input';

interface Io {
  out(text: string): void;
  err(text: string): void;
}

class CliError extends Error {}

/** The largest seed: every integer up to 2^53−1 is exact in a double, so none is silently rounded. */
const MAX_SEED = Number.MAX_SAFE_INTEGER;

async function readScenario(command: string, args: CommandArgs): Promise<string> {
  const file = args.operands[0]!;
  const capText = args.string('max-bytes');
  const cap = capText === undefined ? DEFAULT_MAX_INPUT_BYTES : byteCount(command, capText);
  return readInput(file, cap);
}

function fileLabel(file: string): string {
  return file === '-' ? '<stdin>' : file;
}

async function load(command: string, args: CommandArgs, io: Io, text?: string): Promise<Cluster> {
  const file = fileLabel(args.operands[0]!);
  const source = text ?? (await readScenario(command, args));
  // The input was capped while it was read; the reader's own 2 MiB cap is for pasted text and links.
  const { cluster, diagnostics } = loadCluster(source, file, { maxBytes: Number.MAX_SAFE_INTEGER });
  for (const d of diagnostics) io.err(formatDiagnostic(d) + '\n');
  if (!cluster) throw new CliError(`${file}: the scenario has errors`);
  return cluster;
}

function required(command: string, value: string | undefined, name: string): string {
  if (value === undefined) throw new UsageError(`--${name} is required`, command);
  return value;
}

function seedOf(command: string, args: CommandArgs): number {
  const text = args.string('seed');
  return text === undefined ? 1 : decimalInteger(command, 'seed', text, 0, MAX_SEED);
}

export async function runCli(argv: readonly string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
      io.out(USAGE);
      return command === undefined ? 2 : 0;
    }
    const spec = COMMANDS[command];
    if (!spec) throw new UsageError(`unknown command ${JSON.stringify(command)}`);
    const args = readCommandArgs(command, spec, rest);
    const file = fileLabel(args.operands[0]!);
    switch (command) {
      case 'validate': {
        const cluster = await load(command, args, io);
        const s = cluster.scenario;
        io.out(
          `${file}: valid — ${s.nodes.length} nodes, ${s.pods.length} pods, ${s.services.length} services, ${cluster.endpointSlices.length} EndpointSlices\n`,
        );
        return 0;
      }
      case 'ls': {
        const listing = listCluster(await load(command, args, io));
        io.out(args.has('json') ? JSON.stringify(listing, null, 2) + '\n' : lsText(listing));
        return 0;
      }
      case 'rules': {
        const node = required(command, args.string('node'), 'node');
        const cluster = await load(command, args, io);
        if (!cluster.node(node))
          throw new CliError(
            `--node ${node}: no node ${node}${nodeSuggestion(cluster.scenario, node, (n) => n)}`,
          );
        const mode = args.string('mode') ?? cluster.scenario.kubeProxy.mode;
        if (!isProxyMode(mode))
          throw new UsageError(`--mode must be ${orList(PROXY_MODE_NAMES)}, not ${mode}`, command);
        const driver = proxyMode(mode);
        const format = args.string('format');
        if (format !== undefined && !driver.formats.includes(format))
          throw new UsageError(
            driver.formats.length === 0
              ? `--format is not used in ${mode} mode (got ${format})`
              : `--format must be ${orList(driver.formats)} in ${mode} mode, not ${format}`,
            command,
          );
        io.out(driver.rulesText(cluster, node, format ?? driver.formats[0]));
        return 0;
      }
      case 'cni': {
        // --steps: the ADD as the runtime and plugins perform it; --del: the DEL; --json: both as data.
        const pod = required(command, args.string('pod'), 'pod');
        const cluster = await load(command, args, io);
        if (!cluster.pod(pod)) {
          const [namespace, name] = pod.includes('/') ? pod.split('/', 2) : [null, pod];
          throw new CliError(
            `--pod ${pod}: no pod ${pod}${podSuggestion(cluster.scenario, namespace ?? null, name!, (k) => k)}`,
          );
        }
        const cniCommand = args.has('del') ? 'DEL' : 'ADD';
        if (args.has('json')) {
          const result =
            cniCommand === 'ADD' ? { result: JSON.parse(cluster.cniResult(pod)) as unknown } : {};
          io.out(JSON.stringify({ ...cluster.cniProcess(pod, cniCommand), ...result }, null, 2) + '\n');
        } else if (args.has('steps') || cniCommand === 'DEL') {
          io.out(cniProcessText(cluster.cniProcess(pod, cniCommand)));
          if (cniCommand === 'ADD') io.out(cluster.cniResult(pod) + '\n');
        } else io.out(cluster.cniResult(pod) + '\n');
        return 0;
      }
      case 'trace': {
        const from = required(command, args.string('from'), 'from');
        const to = required(command, args.string('to'), 'to');
        const protocol = args.string('protocol')?.toUpperCase();
        if (protocol !== undefined && protocol !== 'TCP' && protocol !== 'UDP')
          throw new UsageError(`--protocol must be TCP or UDP, not ${args.string('protocol')}`, command);
        const seed = seedOf(command, args);
        const sizeText = args.string('size');
        const size =
          sizeText === undefined ? undefined : decimalInteger(command, 'size', sizeText, 28, 65535);
        const cluster = await load(command, args, io);
        const trace = traceToJson(
          traceConnection(cluster, cluster, {
            from,
            to,
            seed,
            ...(protocol && { protocol: protocol as 'TCP' | 'UDP' }),
            ...(size !== undefined && { size }),
          }),
        );
        io.out(args.has('json') ? JSON.stringify(trace, null, 2) + '\n' : traceToText(trace));
        return 0;
      }
      case 'dns': {
        const from = required(command, args.string('from'), 'from');
        const seed = seedOf(command, args);
        const cluster = await load(command, args, io);
        const result = runDnsCommand(cluster, {
          from,
          name: args.operands[1]!,
          type: args.string('type'),
          seed,
        });
        if (result.kind !== 'ok')
          throw result.kind === 'usage'
            ? new UsageError(result.message, command)
            : new CliError(result.message);
        io.out(args.has('json') ? JSON.stringify(result.json, null, 2) + '\n' : result.text);
        return result.json.addresses.length > 0 || result.json.records.length > 0 ? 0 : 1;
      }
      case 'link': {
        const flowFrom = args.string('from');
        const flowTo = args.string('to');
        if ((flowFrom === undefined) !== (flowTo === undefined))
          throw new UsageError(
            'give both --from and --to, or neither (then the first Flow is used)',
            command,
          );
        const seed = seedOf(command, args);
        const stepText = args.string('step');
        const step =
          stepText === undefined ? 0 : decimalInteger(command, 'step', stepText, 0, Number.MAX_SAFE_INTEGER);
        const text = await readScenario(command, args);
        const cluster = await load(command, args, io, text);
        const first = cluster.scenario.flows[0];
        if (flowFrom === undefined && !first)
          throw new UsageError('the scenario has no Flow: give --from and --to', command);
        const protocol = (
          args.string('protocol') ?? (flowFrom === undefined ? first!.protocol : 'TCP')
        ).toUpperCase();
        if (protocol !== 'TCP' && protocol !== 'UDP')
          throw new UsageError('--protocol must be TCP or UDP', command);
        const from = flowFrom ?? first!.from;
        const to = flowTo ?? first!.to;
        // Refuse a link whose flow cannot be traced, rather than hand out a link that opens to an error.
        traceConnection(cluster, cluster, { from, to, seed, protocol });
        const fragment = await encodeShare({ scenario: text, flow: { from, to, protocol }, seed, step });
        if (fragment.length - 4 > MAX_FRAGMENT_CHARS)
          throw new CliError(
            `the link would be ${fragment.length} characters, more than a share link may carry (${MAX_FRAGMENT_CHARS}); share the file itself`,
          );
        const base = args.string('base');
        io.out(`${base ? base.replace(/#.*$/, '') : ''}${fragment}\n`);
        return 0;
      }
      case 'lab': {
        // The lab is a test harness in TypeScript, not engine code: loaded through tsx only when asked for
        // (needs root), from the "#kernel-lab" entry package.json declares (see kernel-lab.ts).
        const { runLab } = await loadKernelLab();
        const result = await runLab({ files: [...args.operands], flows: [...args.all('flow')] });
        return result.failed > 0 ? 1 : 0;
      }
      default:
        throw new UsageError(`unknown command ${JSON.stringify(command)}`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`podpath: ${e.message}\n${usageOf(e.command)}`);
      return 2;
    }
    if (e instanceof CliError || e instanceof InputError || e instanceof TraceRequestError) {
      io.err(`podpath: ${e.message}\n`);
      return 1;
    }
    io.err(`podpath: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}
