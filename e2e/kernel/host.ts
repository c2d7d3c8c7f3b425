// The lab's only door to the host: commands it runs, namespaces it creates and processes it starts, each
// remembered so that everything is removed again — on success, on a failed check, on an exception and on
// Ctrl-C. Namespace names carry the lab's prefix and its process id, so a second lab running at the same
// time is never touched, and leftovers of a lab that was killed outright are recognised by a dead pid.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const PREFIX = 'pp-lab-';

/**
 * How long a started process (a responder, tcpdump, dnsmasq) may take to say it is ready. A Node responder
 * starts in well under a second on an idle machine, but one responder per pod all starting together on a
 * loaded 2-core machine took more than 5 s.
 */
export const STARTUP_TIMEOUT_MS = 30_000;

/** `ip netns exec NS` bind-mounts every file of /etc/netns/NS over /etc (resolv.conf, hosts, nsswitch.conf). */
export const NETNS_ETC = '/etc/netns';

export class HostCommandError extends Error {}

/** Runs a command, throwing with its stderr when it fails. */
export function sh(cmd: string, args: readonly string[], input?: string): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', input, maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw new HostCommandError(`${cmd} ${args.join(' ')}: ${r.error.message}`);
  if (r.status !== 0)
    throw new HostCommandError(
      `${cmd} ${args.join(' ')} exited ${r.status}: ${(r.stderr || r.stdout).trim()}`,
    );
  return r.stdout;
}

/** Why the lab cannot run here, or null when it can (root, `ip netns`, iptables, nft). */
export function whyNotRunnable(): string | null {
  if (process.platform !== 'linux') return `not Linux (${process.platform})`;
  if (typeof process.getuid === 'function' && process.getuid() !== 0)
    return 'not running as root (network namespaces need CAP_SYS_ADMIN and CAP_NET_ADMIN)';
  for (const tool of [
    'ip',
    'iptables-restore',
    'iptables-save',
    'nft',
    'tcpdump',
    'nfacct',
    'dnsmasq',
    'getent',
  ]) {
    const r = spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' });
    if (r.status !== 0)
      return `${tool} is not installed (apt-get install iproute2 iptables nftables tcpdump nfacct dnsmasq-base)`;
  }
  const probe = `${PREFIX}${process.pid}-probe`;
  const r = spawnSync('ip', ['netns', 'add', probe], { encoding: 'utf8' });
  if (r.status !== 0) return `ip netns add fails here: ${r.stderr.trim()}`;
  spawnSync('ip', ['netns', 'del', probe]);
  return null;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Deletes namespaces left by an earlier lab run whose process no longer exists. */
export function removeStaleNamespaces(): string[] {
  const removed: string[] = [];
  const list = spawnSync('ip', ['netns', 'list'], { encoding: 'utf8' }).stdout ?? '';
  for (const line of list.split('\n')) {
    const name = line.split(' ')[0] ?? '';
    const m = new RegExp(`^${PREFIX}(\\d+)-`).exec(name);
    if (!m || pidAlive(Number(m[1]))) continue;
    spawnSync('ip', ['netns', 'del', name]);
    removed.push(name);
  }
  if (existsSync(NETNS_ETC)) {
    for (const name of readdirSync(NETNS_ETC)) {
      const m = new RegExp(`^${PREFIX}(\\d+)-`).exec(name);
      if (!m || pidAlive(Number(m[1]))) continue;
      rmSync(join(NETNS_ETC, name), { recursive: true, force: true });
      removed.push(join(NETNS_ETC, name));
    }
  }
  return removed;
}

export class LabHost {
  private readonly namespaces: string[] = [];
  private readonly children = new Set<ChildProcess>();
  private readonly etcDirs: string[] = [];

  /** `pp-lab-<pid>-<engine id with / turned into ->`: unique to this run, readable in `ip netns`. */
  netnsName(id: string): string {
    return `${PREFIX}${process.pid}-${id.replace(/[^A-Za-z0-9.]+/g, '-')}`;
  }

  addNetns(name: string): void {
    sh('ip', ['netns', 'add', name]);
    this.namespaces.push(name);
  }

  /** Writes files to /etc/netns/NAME/ (seen as /etc/FILE by `ip netns exec NAME`); removed by cleanup. */
  netnsEtc(name: string, files: Readonly<Record<string, string>>): void {
    if (!name.startsWith(PREFIX)) throw new Error(`${name}: not a lab namespace`);
    const dir = join(NETNS_ETC, name);
    if (!this.etcDirs.includes(dir)) {
      mkdirSync(dir, { recursive: true });
      this.etcDirs.push(dir);
    }
    for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  }

  /** Starts a long-running process (responder, tcpdump) that the lab stops again by its pid. */
  start(cmd: string, args: readonly string[]): ChildProcess {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.children.add(child);
    child.on('exit', () => this.children.delete(child));
    return child;
  }

  async stop(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
    await exited;
    clearTimeout(timer);
  }

  /** Synchronous, so it also works from an exit or signal handler. */
  cleanup(): void {
    for (const child of this.children) {
      if (child.pid !== undefined && child.exitCode === null) {
        try {
          process.kill(child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }
    this.children.clear();
    while (this.etcDirs.length > 0) rmSync(this.etcDirs.pop()!, { recursive: true, force: true });
    while (this.namespaces.length > 0) {
      const name = this.namespaces.pop()!;
      spawnSync('ip', ['netns', 'del', name]);
    }
  }
}

/** Resolves with the first line of `child`'s stream matching `pattern`, or rejects after `ms`. */
export function waitForLine(
  child: ChildProcess,
  stream: 'stdout' | 'stderr',
  pattern: RegExp,
  ms: number,
): Promise<void> {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(
      () => reject(new Error(`timed out waiting for ${pattern} (got: ${text.trim()})`)),
      ms,
    );
    const onData = (d: Buffer) => {
      text += d.toString();
      if (pattern.test(text)) {
        clearTimeout(timer);
        child[stream]!.off('data', onData);
        resolve();
      }
    };
    child[stream]!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (!pattern.test(text)) reject(new Error(`exited (${code}) before ${pattern}: ${text.trim()}`));
    });
  });
}
