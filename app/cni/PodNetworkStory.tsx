// "How it got its network": clicking a pod in the cluster drawing offers the pod's CNI ADD as an animated
// sequence — the netns appears, cni0 is made or found, the veth pair is created and its host end joins
// cni0, host-local hands out the address, eth0 gets it and its routes, cni0 takes the gateway — and the DEL
// that releases it. The steps are the engine's (`cni-process`, engine/cni/add-steps.ts); this only draws.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CniProcess } from '../../engine';
import { useApp, usePlayback, useSession } from '../app-context';
import { selectReducedMotion } from '../machines/playback';
import { CniDiagram } from './CniDiagram';
import { CniStepDetail, CniStepList } from './CniSteps';
import './pod-network-story.css';

const STEP_MS = 1600;

interface Offer {
  readonly pod: string;
  readonly x: number;
  readonly y: number;
}

/** The pod under a click in the cluster drawing (pods carry `data-pod`), if any. */
function podAt(target: EventTarget | null): string | null {
  if (!(target instanceof Element)) return null;
  return target.closest('[data-pod]')?.getAttribute('data-pod') ?? null;
}

export function PodNetworkStory() {
  const [offer, setOffer] = useState<Offer | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  useEffect(() => {
    const onClick = (e: MouseEvent) => {
      const pod = podAt(e.target);
      if (pod) setOffer({ pod, x: e.clientX, y: e.clientY });
      else if (!(e.target instanceof Element && e.target.closest('.cni-offer'))) setOffer(null);
    };
    // The keyboard's click: Enter or Space on a focused pod (it is a button in the drawing). Captured, so the
    // page's Space shortcut (play/pause) does not also take it.
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Enter' && e.key !== ' ') return;
      const pod = podAt(e.target);
      if (!pod || !(e.target instanceof Element)) return;
      e.preventDefault();
      e.stopPropagation();
      const box = e.target.getBoundingClientRect();
      setOffer({ pod, x: box.left + box.width / 2, y: box.top + box.height / 2 });
    };
    document.addEventListener('click', onClick);
    document.addEventListener('keydown', onKey, true);
    return () => {
      document.removeEventListener('click', onClick);
      document.removeEventListener('keydown', onKey, true);
    };
  }, []);
  return (
    <>
      {offer && (
        <div
          className="cni-offer"
          style={{
            left: Math.min(offer.x + 8, window.innerWidth - 260),
            top: Math.min(offer.y + 8, window.innerHeight - 48),
          }}
        >
          <button
            type="button"
            autoFocus
            onClick={() => {
              setOpen(offer.pod);
              setOffer(null);
            }}
          >
            How {offer.pod} got its network
          </button>
        </div>
      )}
      {open && <StoryDialog pod={open} onClose={() => setOpen(null)} />}
    </>
  );
}

function StoryDialog({ pod, onClose }: { pod: string; onClose: () => void }) {
  const session = useSession();
  const reducedMotion = usePlayback(selectReducedMotion);
  const revision = useApp((s) => s.scenario.revision);
  const [command, setCommand] = useState<'ADD' | 'DEL'>('ADD');
  const [process, setProcess] = useState<CniProcess | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [step, setStep] = useState(0);
  const [playing, setPlaying] = useState(!reducedMotion);
  const closeRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    let live = true;
    setProcess(null);
    setError(null);
    session.cniProcess(pod, command).then(
      (p) => {
        if (!live) return;
        setProcess(p);
        setStep(0);
      },
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [session, pod, command, revision]);

  const count = process?.steps.length ?? 0;
  useEffect(() => {
    if (!playing || count === 0) return;
    if (step >= count - 1) {
      setPlaying(false);
      return;
    }
    const t = setTimeout(() => setStep((s) => Math.min(s + 1, count - 1)), STEP_MS);
    return () => clearTimeout(t);
  }, [playing, step, count]);

  useEffect(() => closeRef.current?.focus(), []);
  const onKey = useCallback(
    (e: React.KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
      else if (e.key === 'ArrowRight') setStep((s) => Math.min(s + 1, Math.max(0, count - 1)));
      else if (e.key === 'ArrowLeft') setStep((s) => Math.max(0, s - 1));
    },
    [onClose, count],
  );

  const current = process?.steps[step];
  return (
    <div className="cni-backdrop" onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div
        className="cni-story"
        role="dialog"
        aria-modal="true"
        aria-label={`How ${pod} got its network`}
        onKeyDown={onKey}
      >
        <header>
          <h2>How {pod} got its network</h2>
          <button ref={closeRef} type="button" aria-label="Close" onClick={onClose}>
            ×
          </button>
        </header>
        <div role="tablist" aria-label="CNI command" className="cni-commands">
          {(['ADD', 'DEL'] as const).map((c) => (
            <button
              key={c}
              type="button"
              role="tab"
              aria-selected={command === c}
              onClick={() => {
                setCommand(c);
                setPlaying(!reducedMotion);
              }}
            >
              {c === 'ADD' ? 'CNI ADD (pod starts)' : 'CNI DEL (pod removed, address released)'}
            </button>
          ))}
        </div>
        {error && <p role="alert">{error}</p>}
        {!process && !error && <p>loading…</p>}
        {process && current && (
          <>
            <CniDiagram process={process} step={step} />
            <div className="cni-controls" aria-label="Step controls">
              <button type="button" onClick={() => setStep(0)} disabled={step === 0}>
                Restart
              </button>
              <button type="button" onClick={() => setStep((s) => s - 1)} disabled={step === 0}>
                Previous
              </button>
              <button type="button" onClick={() => setPlaying((p) => !p)} disabled={step >= count - 1}>
                {playing ? 'Pause' : 'Play'}
              </button>
              <button type="button" onClick={() => setStep((s) => s + 1)} disabled={step >= count - 1}>
                Next
              </button>
              <span aria-live="polite">
                step {step + 1} of {count}
              </span>
            </div>
            <CniStepDetail process={process} step={step} />
            <CniStepList process={process} step={step} onStep={setStep} />
          </>
        )}
      </div>
    </div>
  );
}
