// A CNI process's steps as text, shared by the pod's "how it got its network" dialog and the CNI tab: the
// current step (its plugin, why, the commands a person could type and the files it reads or writes) and
// the list of every step, each a button that shows it.
import type { CniProcess } from '../../engine';

export function CniStepDetail({ process, step }: { process: CniProcess; step: number }) {
  const current = process.steps[step];
  if (!current) return null;
  return (
    <div className="cni-current">
      <p>
        <strong>{current.plugin}</strong> — {current.why}
      </p>
      {current.commands.length > 0 && (
        <pre className="terminal">{current.commands.map((c) => `$ ${c}`).join('\n')}</pre>
      )}
      {current.files.map((f, i) => (
        <p key={i} className="cni-file">
          {f.op} <code>{f.path}</code>
          {f.content !== undefined && f.path.includes('/var/lib/cni/networks/') && (
            <>
              {' '}
              = <code>{JSON.stringify(f.content)}</code>
            </>
          )}
        </p>
      ))}
    </div>
  );
}

/** Every step, the current one marked; `highlighted` is the one a lesson step points at. */
export function CniStepList({
  process,
  step,
  onStep,
  highlighted = null,
  label,
}: {
  process: CniProcess;
  step: number;
  onStep: (i: number) => void;
  highlighted?: number | null;
  label?: string;
}) {
  return (
    <ol className="cni-steps" aria-label={label}>
      {process.steps.map((s, i) => (
        <li
          key={i}
          aria-current={i === step ? 'step' : undefined}
          className={i > step ? 'later' : ''}
          data-highlighted={i === highlighted ? '' : undefined}
        >
          <button type="button" onClick={() => onStep(i)}>
            {s.plugin}: {s.kind}
          </button>
        </li>
      ))}
    </ol>
  );
}
