// The kube-proxy mode registry is the one list of modes: every consumer (the scenario loader, the cluster,
// the request handler, the CLI) must accept exactly its modes and take each mode's behaviour from its
// driver, so a mode added there shows up everywhere and a list re-typed somewhere else fails here.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/main';
import { USAGE } from '../cli/commands';
import { loadCluster } from '../cluster/cluster';
import { stageProcesses } from '../cluster/stage-view';
import { PROXY_MODE_INFO, PROXY_MODE_NAMES, type ProxyMode, supportedProxyModes } from '../model/proxy-mode';
import { createRequestHandler } from '../request-handler';
import { withProxyMode } from '../scenario/yaml-edits';
import { PROXY_MODE_LIST, PROXY_MODES } from './modes';

const scenarioPath = new URL('../../scenarios/default.yaml', import.meta.url).pathname;
const text = readFileSync(scenarioPath, 'utf8');

/** The default scenario with its KubeProxyConfiguration's `mode:` changed. */
function inMode(mode: string): string {
  return withProxyMode(text, mode as ProxyMode);
}

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('the kube-proxy mode registry', () => {
  it('has one driver per mode name, keyed by its own mode, in the names’ order', () => {
    expect(Object.keys(PROXY_MODES)).toEqual([...PROXY_MODE_NAMES]);
    expect(PROXY_MODE_LIST.map((d) => d.mode)).toEqual([...PROXY_MODE_NAMES]);
    for (const [name, driver] of Object.entries(PROXY_MODES)) expect(driver.mode).toBe(name);
    expect(Object.keys(PROXY_MODE_INFO)).toEqual([...PROXY_MODE_NAMES]);
  });

  it('is what the scenario loader accepts, warning for a removed mode and listing the supported ones', () => {
    for (const mode of PROXY_MODE_NAMES) {
      const { cluster, diagnostics } = loadCluster(inMode(mode));
      expect(cluster?.scenario.kubeProxy.mode).toBe(mode);
      const removed = PROXY_MODE_INFO[mode].removed;
      const warnings = diagnostics.filter((d) => d.severity === 'warning').map((d) => d.message);
      if (removed) expect(warnings.some((w) => w.includes(removed))).toBe(true);
      else expect(warnings.join('\n')).not.toContain('removed in Kubernetes');
    }
    const { cluster, diagnostics } = loadCluster(inMode('kernelspace'));
    expect(cluster).toBeNull();
    const listed = supportedProxyModes()
      .map((m) => `"${m}"`)
      .join(', ');
    expect(diagnostics.map((d) => d.message).join('\n')).toContain(`supported values: ${listed}`);
    // The removed mode is simulated but not offered as a value current kube-proxy accepts.
    expect(supportedProxyModes()).toEqual(['iptables', 'ipvs', 'nftables']);
  });

  it('is the CLI’s --mode: usage, accepted values, formats and the error for an unknown one', async () => {
    expect(USAGE).toContain(`[--mode ${PROXY_MODE_NAMES.join('|')}]`);
    for (const driver of PROXY_MODE_LIST) {
      const r = await cli('rules', scenarioPath, '--node', 'node-1', '--mode', driver.mode);
      expect(r.code, `${driver.mode}: ${r.err}`).toBe(0);
      expect(r.out.length).toBeGreaterThan(0);
      for (const format of driver.formats) {
        const f = await cli(
          'rules',
          scenarioPath,
          '--node',
          'node-1',
          '--mode',
          driver.mode,
          '--format',
          format,
        );
        expect(f.code, `${driver.mode} --format ${format}: ${f.err}`).toBe(0);
      }
      const bad = await cli(
        'rules',
        scenarioPath,
        '--node',
        'node-1',
        '--mode',
        driver.mode,
        '--format',
        'xml',
      );
      expect(bad.code).toBe(2);
      expect(bad.err).toContain(`${driver.mode} mode`);
    }
    const unknown = await cli('rules', scenarioPath, '--node', 'node-1', '--mode', 'kernelspace');
    expect(unknown.code).toBe(2);
    const names = PROXY_MODE_NAMES;
    expect(unknown.err).toContain(
      `--mode must be ${names.slice(0, -1).join(', ')} or ${names.at(-1)}, not kernelspace`,
    );
  });

  it('is what the request handler compares: one traced outcome per mode, none refused as unknown', () => {
    const handler = createRequestHandler();
    expect(handler.handle({ kind: 'load', text }).kind).toBe('loaded');
    const reply = handler.handle({
      kind: 'compare-modes',
      params: { from: 'pod/default/client', to: 'svc/default/web:80' },
      modes: PROXY_MODE_NAMES,
    });
    expect(reply.kind).toBe('modes');
    if (reply.kind !== 'modes') return;
    expect(reply.outcomes.map((o) => o.mode)).toEqual([...PROXY_MODE_NAMES]);
    for (const o of reply.outcomes) expect(o.kind, o.kind === 'failed' ? o.error : '').toBe('traced');
    const refused = handler.handle({
      kind: 'compare-modes',
      params: { from: 'pod/default/client', to: 'svc/default/web:80' },
      modes: ['kernelspace' as never],
    });
    expect(refused.kind === 'modes' && refused.outcomes[0]?.kind).toBe('failed');
  });

  it('puts each mode’s own state on the node: devices, processes and inspector views come from its driver', () => {
    const handler = createRequestHandler();
    for (const mode of PROXY_MODE_NAMES) {
      const cluster = loadCluster(inMode(mode)).cluster!;
      const driver = PROXY_MODES[mode];
      const ns = cluster.netns('node/node-1');
      const added = driver.devices(ns.id, 0, cluster.proxyRules(driver, 'node-1')).map((d) => d.name);
      for (const name of added) expect(ns.devices.map((d) => d.name)).toContain(name);
      expect(stageProcesses(cluster, 'node-1').filter((p) => p.name === 'kube-proxy')).toEqual(
        driver.processes(cluster, 'node-1'),
      );
      handler.handle({ kind: 'load', text: inMode(mode) });
      const reply = handler.handle({ kind: 'inspect-node', node: 'node-1' });
      expect(reply.kind === 'node' && reply.inspection.proxyViews.map((v) => v.command)).toEqual(
        driver.inspectorViews(cluster, 'node-1').map((v) => v.command),
      );
    }
    // What the modes add, as Linux shows it.
    const ipvs = loadCluster(inMode('ipvs')).cluster!;
    expect(ipvs.netns('node/node-1').devices.map((d) => d.name)).toContain('kube-ipvs0');
    expect(PROXY_MODES.ipvs.inspectorViews(ipvs, 'node-1')[0]?.text).toMatch(/^IP Virtual Server version/);
    const nft = loadCluster(inMode('nftables')).cluster!;
    expect(PROXY_MODES.nftables.inspectorViews(nft, 'node-1')[0]?.text).toMatch(/^table ip kube-proxy \{/);
    const userspace = loadCluster(inMode('userspace')).cluster!;
    expect(stageProcesses(userspace, 'node-1').map((p) => p.name)).toContain('kube-proxy');
  });
});
