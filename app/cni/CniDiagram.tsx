// The picture of one CNI ADD or DEL up to the current step: the node's netns on the left (cni0, the host
// veth, the files the plugins keep), the sandbox's netns on the right (eth0, its address and routes). Each
// part appears when the step that makes it has run (ADD) or fades when the step that removes it has (DEL);
// the parts the current step touches are highlighted.
import type { CniProcess, CniStepKind } from '../../engine';

/** What the steps say about the attachment, read from their commands, files and devices. */
function facts(p: CniProcess) {
  const byKind = (k: CniStepKind) => p.steps.find((s) => s.kind === k);
  const veth = (byKind('veth') ?? byKind('veth-delete'))?.devices[1] ?? 'veth';
  const ipFile = p.steps
    .flatMap((s) => s.files)
    .find((f) => /\/var\/lib\/cni\/networks\/[^/]+\/\d+\.\d+\.\d+\.\d+$/.test(f.path));
  const ip = ipFile?.path.slice(ipFile.path.lastIndexOf('/') + 1) ?? '';
  const address = /addr add (\S+)/.exec(byKind('address')?.commands[0] ?? '')?.[1] ?? ip;
  const gateway = /(?:addr add|already has the gateway) (\S+)/.exec(
    [...(byKind('gateway')?.commands ?? []), byKind('gateway')?.why ?? ''].join(' '),
  )?.[1];
  const routes = (byKind('routes')?.commands ?? []).map((c) =>
    c.replace(/^ip -n \S+ route add /, '').replace(/ dev eth0$/, ''),
  );
  return { veth, ip, address, gateway, routes, ipFile: ipFile?.path ?? '' };
}

export function CniDiagram({ process: p, step }: { process: CniProcess; step: number }) {
  const f = facts(p);
  const done = new Set(p.steps.slice(0, step + 1).map((s) => s.kind));
  const current = p.steps[step];
  const touched = new Set(current?.devices ?? []);
  const add = p.command === 'ADD';
  // ADD: shown once made. DEL: shown until removed.
  const shown = (made: CniStepKind, removed: CniStepKind) => (add ? done.has(made) : !done.has(removed));
  const cls = (visible: boolean, device?: string) =>
    `part${visible ? '' : ' hidden'}${device && touched.has(device) ? ' active' : ''}`;
  const netns = shown('netns', 'netns-delete');
  const bridge = add ? done.has('bridge') : true;
  const pair = shown('veth', 'veth-delete');
  const attached = shown('attach', 'veth-delete');
  const addressed = shown('address', 'veth-delete');
  const routed = shown('routes', 'veth-delete');
  const gateway = add ? done.has('gateway') : true;
  const reserved = add ? done.has('ipam') : !done.has('release');
  return (
    <svg
      className="cni-diagram"
      viewBox="0 0 640 250"
      role="img"
      aria-label={`CNI ${p.command} of ${p.pod}, step ${step + 1}`}
    >
      <rect className="ns-box" x={8} y={8} width={372} height={234} rx={8} />
      <text className="ns-title" x={20} y={28}>
        {p.node}: host netns
      </text>
      <g className={cls(bridge, 'cni0')}>
        <rect className="bridge-bar" x={40} y={50} width={300} height={22} rx={4} />
        <text x={50} y={66}>
          cni0{gateway && f.gateway ? ` ${f.gateway}` : ''}
        </text>
      </g>
      <g className={cls(pair, f.veth)}>
        <rect className="dev" x={250} y={130} width={110} height={24} rx={4} />
        <text x={258} y={147}>
          {f.veth}
        </text>
      </g>
      <g className={cls(attached)}>
        <line className="link" x1={305} y1={130} x2={305} y2={72} />
        <text className="note" x={298} y={105} textAnchor="end">
          port of cni0, hairpin on
        </text>
      </g>
      <g className={cls(shown('subnet-env', 'exec'))}>
        <text className="file" x={20} y={200}>
          /run/flannel/subnet.env
        </text>
      </g>
      <g className={cls(reserved)}>
        <text className={`file${!add && done.has('release') ? ' released' : ''}`} x={20} y={222}>
          {f.ipFile.replace('/var/lib/cni/networks/', '…/networks/')}
        </text>
      </g>
      <g className={cls(pair)}>
        <line className="link pair" x1={360} y1={142} x2={460} y2={142} />
      </g>
      <g className={cls(netns)}>
        <rect className="ns-box pod" x={400} y={8} width={232} height={234} rx={8} />
        <text className="ns-title" x={412} y={28}>
          {p.pod}: sandbox netns
        </text>
        <text className="note" x={412} y={46}>
          lo
        </text>
      </g>
      <g className={cls(pair, 'eth0')}>
        <rect className="dev" x={460} y={130} width={64} height={24} rx={4} />
        <text x={470} y={147}>
          eth0
        </text>
      </g>
      <g className={cls(addressed, 'eth0')}>
        <text className="addr" x={460} y={176}>
          {f.address}
        </text>
      </g>
      <g className={cls(routed)}>
        {f.routes.map((r, i) => (
          <text key={r} className="route" x={412} y={200 + i * 16}>
            {r}
          </text>
        ))}
      </g>
    </svg>
  );
}
