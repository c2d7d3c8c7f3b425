// The flow chooser's form is a draft of the applied flow: edits stay in the draft until Send, and a new
// applied flow (Send, a lesson or scenario load, a fallback after an edit) replaces the draft whole. The
// draft remembers which flow it was made from, so the reset happens during render, without an effect
// that would first paint the stale form.
import { useState } from 'react';
import type { SharedFlow } from '../../engine';

export interface FlowDraft {
  readonly from: string;
  readonly to: string;
  /** The destination is typed as a name or address rather than picked from the list. */
  readonly typing: boolean;
  readonly typed: string;
  readonly protocol: 'TCP' | 'UDP';
}

interface Keyed {
  readonly flow: SharedFlow;
  readonly listed: boolean;
  readonly draft: FlowDraft;
}

/** A fresh draft of an applied flow; a destination not in the list (a share link's) opens as typed. */
export function draftOf(flow: SharedFlow, listed: boolean): FlowDraft {
  return {
    from: flow.from,
    to: flow.to,
    typing: !listed,
    typed: listed ? '' : flow.to,
    protocol: flow.protocol ?? 'TCP',
  };
}

/**
 * The draft kept for this applied flow: the previous one when it was made from this very flow (the store
 * replaces the flow object on every change) and the same listing, otherwise a fresh one.
 */
export function keepOrReset(kept: Keyed, flow: SharedFlow, listed: boolean): Keyed {
  return kept.flow === flow && kept.listed === listed ? kept : { flow, listed, draft: draftOf(flow, listed) };
}

export function useFlowDraft(
  flow: SharedFlow,
  listed: boolean,
): [FlowDraft, (change: Partial<FlowDraft>) => void] {
  const [kept, setKept] = useState<Keyed>(() => ({ flow, listed, draft: draftOf(flow, listed) }));
  const current = keepOrReset(kept, flow, listed);
  if (current !== kept) setKept(current);
  const edit = (change: Partial<FlowDraft>) =>
    setKept((k) => {
      const base = keepOrReset(k, flow, listed);
      return { ...base, draft: { ...base.draft, ...change } };
    });
  return [current.draft, edit];
}
