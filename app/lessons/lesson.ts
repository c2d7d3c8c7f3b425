// A lesson, as its file in `lessons/` describes it (after validation). Lessons are data: a scenario, a flow
// and steps. A step names the hop it shows by what the hop is (kind, device, node…), never by its index,
// so a lesson keeps working when the engine adds or removes hops. Questions name a template; the answer is
// computed from the trace the engine returns, so no lesson file holds its own answers.

/** The topic vocabulary of `window.__podpath.getLessons()` (issue 11). */
export const TOPICS = [
  'cni',
  'vxlan',
  'udp',
  'host-gw',
  'iptables',
  'ipvs',
  'userspace',
  'nftables',
  'dns',
  'nodeport',
  'ingress',
] as const;
export type Topic = (typeof TOPICS)[number];

import type { CniStepKind } from '../../engine';

/** The side panels a step can open, by their tab id in App (`cni`: the pod's CNI ADD, step by step). */
export const PANELS = ['hop', 'events', 'dns', 'http', 'node', 'cni', 'scenario', 'spread', 'modes'] as const;
export type Panel = (typeof PANELS)[number];

/** The steps of a CNI ADD a lesson step can point at in the CNI panel (engine/cni/add-steps.ts). */
export const CNI_STEPS = [
  'netns',
  'exec',
  'subnet-env',
  'delegate',
  'bridge',
  'veth',
  'attach',
  'ipam',
  'address',
  'routes',
  'gateway',
  'result',
] as const satisfies readonly CniStepKind[];
export type CniStepName = (typeof CNI_STEPS)[number];

/**
 * Which hop a step shows: the first hop in playback order (or the last, with `last`) matching every field
 * given. `kind` may list several kinds (an engine that renames a stage can be followed without rewriting).
 */
export interface HopSelector {
  readonly kind?: readonly string[];
  readonly node?: string;
  readonly netns?: string;
  readonly device?: string;
  readonly direction?: 'request' | 'reply';
  /** `dns` for a name's query exchanges, `connection` for the connection itself. */
  readonly phase?: string;
  /** Only hops of the DNS exchange asking for this name. */
  readonly dnsName?: string;
  /** The hop changed this packet field (`src`, `dst`, `outer`, `eth`, `ttl`, `mark`). */
  readonly changed?: string;
  /** The hop applied this NAT (`DNAT`, `SNAT`, `MASQUERADE`, `un-DNAT`, `un-SNAT`). */
  readonly nat?: string;
  /** The packet carries (true) or does not carry (false) an outer, encapsulating header after the hop. */
  readonly outer?: boolean;
  /** The hop walked at least one rule. */
  readonly rules?: boolean;
  readonly last?: boolean;
}

/** A choice a student can pick: a literal or a `{placeholder}` text, or a number range for counts. */
export interface Choice {
  readonly label: string;
  /** What the label stands for, when the label is worded for students (`the api Service` for `default/api:http`). */
  readonly value?: string;
  readonly min?: number;
  readonly max?: number;
}

export interface Question {
  readonly prompt: string;
  /** A template from `templates.ts`; it reads the answer out of the trace. */
  readonly template: string;
  /** Template parameters, e.g. the hop selector for `field` and `hop-count`. */
  readonly at?: HopSelector;
  readonly field?: string;
  /** Listed choices, or `auto` for the template's own candidates (for example every pod of the Deployment). */
  readonly choices: readonly Choice[] | 'auto';
}

export interface LessonStep {
  /** Plain words for a student; `**term**` marks a kernel term the first time it appears. */
  readonly text: string;
  readonly at?: HopSelector;
  readonly panel?: Panel;
  /** With `panel: cni`: the step of the pod's CNI ADD to show and highlight (the pod is the first one the
   * step highlights, else the flow's source pod). */
  readonly cniStep?: CniStepName;
  /** Devices to highlight: `hop` (the step's hop), `node-1`, `node-1/cni0`, `pod/default/client`, `underlay`, `external`. */
  readonly highlight: readonly string[];
  readonly question?: Question;
}

export interface LessonFlow {
  readonly from: string;
  readonly to: string;
  readonly protocol?: 'TCP' | 'UDP';
}

export interface Lesson {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly topics: readonly Topic[];
  /** A built-in scenario (`scenarios/NAME.yaml`), or the scenario's YAML itself (lessons made in the editor). */
  readonly scenario: { readonly name: string } | { readonly text: string };
  readonly flow: LessonFlow;
  readonly seed: number;
  readonly steps: readonly LessonStep[];
}
