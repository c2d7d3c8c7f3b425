// Shared by the app and the CLI (`podpath link`), so it lives in the DOM-free engine.
// Share links: `#v1:` + base64url(deflate-raw(JSON)). The fragment never reaches a server, and the
// version prefix lets a future app read old links and lets this one refuse newer ones politely.
// CompressionStream is in every current browser and in Node ≥ 20, so the CLI can make the same links.
import { fromBase64Url, toBase64Url } from './base64url';
import { pipeBytes } from './bounded-pipe';

export const SHARE_VERSION = 1;
const PREFIX = `#v${SHARE_VERSION}:`;
/** Browsers keep URLs of a few MB, but chat apps and QR codes do not; 64 KiB of fragment is plenty. */
export const MAX_FRAGMENT_CHARS = 64 * 1024;
/** A small link must not inflate into a huge scenario (a deflate bomb). */
export const MAX_JSON_BYTES = 1024 * 1024;

export interface SharedFlow {
  readonly from: string;
  readonly to: string;
  readonly protocol?: 'TCP' | 'UDP';
}

export interface SharedView {
  readonly scenario: string;
  readonly flow: SharedFlow;
  readonly seed: number;
  readonly step: number;
}

export type ShareProblem = 'broken' | 'oversized' | 'newer';

export type DecodedShare =
  | { readonly ok: true; readonly view: SharedView }
  | { readonly ok: false; readonly problem: ShareProblem; readonly message: string };

function viewJson(view: SharedView): Uint8Array {
  return new TextEncoder().encode(
    JSON.stringify({ scenario: view.scenario, flow: view.flow, seed: view.seed, step: view.step }),
  );
}

async function pack(json: Uint8Array): Promise<string> {
  const packed = await pipeBytes(json, new CompressionStream('deflate-raw'), Number.POSITIVE_INFINITY);
  if (packed === 'too-big') throw new Error('unreachable');
  return PREFIX + toBase64Url(packed);
}

export async function encodeShare(view: SharedView): Promise<string> {
  return pack(viewJson(view));
}

/** A link, or why a link of this view would not open (decodeShare's caps), with the size that broke it. */
export type ShareableLink =
  | { readonly ok: true; readonly fragment: string }
  | { readonly ok: false; readonly cap: 'scenario'; readonly bytes: number; readonly limit: number }
  | { readonly ok: false; readonly cap: 'link'; readonly chars: number; readonly limit: number };

/**
 * The link for a view, checked against the caps decodeShare applies, so no one is handed a link that
 * opens to "too large". A scenario longer than the JSON cap in characters is refused before anything is
 * serialised (each character is at least one byte), so a 38 MB opened file costs nothing here.
 */
export async function shareableLink(view: SharedView): Promise<ShareableLink> {
  if (view.scenario.length > MAX_JSON_BYTES)
    return { ok: false, cap: 'scenario', bytes: view.scenario.length, limit: MAX_JSON_BYTES };
  const json = viewJson(view);
  if (json.length > MAX_JSON_BYTES)
    return { ok: false, cap: 'scenario', bytes: json.length, limit: MAX_JSON_BYTES };
  const fragment = await pack(json);
  const chars = fragment.length - PREFIX.length;
  if (chars > MAX_FRAGMENT_CHARS) return { ok: false, cap: 'link', chars, limit: MAX_FRAGMENT_CHARS };
  return { ok: true, fragment };
}

const FRIENDLY: Record<ShareProblem, string> = {
  broken: 'This share link is damaged or incomplete, so Podpath opened the default scenario instead.',
  oversized: 'This share link is too large to open safely, so Podpath opened the default scenario instead.',
  newer:
    'This share link was made by a newer version of Podpath, so this one opened the default scenario instead. Reload to get the latest version.',
};

function problem(kind: ShareProblem): DecodedShare {
  return { ok: false, problem: kind, message: FRIENDLY[kind] };
}

function asView(value: unknown): SharedView | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  const flow = v['flow'] as Record<string, unknown> | undefined;
  if (typeof v['scenario'] !== 'string' || typeof flow !== 'object' || flow === null) return null;
  if (typeof flow['from'] !== 'string' || typeof flow['to'] !== 'string') return null;
  const protocol = flow['protocol'];
  if (protocol !== undefined && protocol !== 'TCP' && protocol !== 'UDP') return null;
  const seed = v['seed'];
  const step = v['step'];
  if (
    typeof seed !== 'number' ||
    !Number.isInteger(seed) ||
    typeof step !== 'number' ||
    !Number.isInteger(step) ||
    step < 0
  )
    return null;
  return {
    scenario: v['scenario'],
    flow: { from: flow['from'], to: flow['to'], ...(protocol !== undefined && { protocol }) },
    seed,
    step,
  };
}

/** Null when the fragment is not a share link at all (empty, or some other anchor). */
export async function decodeShare(fragment: string): Promise<DecodedShare | null> {
  const match = /^#v(\d+):(.*)$/s.exec(fragment);
  if (!match) return fragment.startsWith('#v') ? problem('broken') : null;
  const version = Number(match[1]);
  if (version > SHARE_VERSION) return problem('newer');
  if (version !== SHARE_VERSION) return problem('broken');
  const body = match[2]!;
  if (body.length > MAX_FRAGMENT_CHARS) return problem('oversized');
  const packed = fromBase64Url(body);
  if (!packed || packed.length === 0) return problem('broken');
  let json: Uint8Array | 'too-big';
  try {
    json = await pipeBytes(packed, new DecompressionStream('deflate-raw'), MAX_JSON_BYTES);
  } catch {
    return problem('broken');
  }
  if (json === 'too-big') return problem('oversized');
  try {
    const view = asView(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(json)));
    return view ? { ok: true, view } : problem('broken');
  } catch {
    return problem('broken');
  }
}
