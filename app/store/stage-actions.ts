// The stage's actions: the small API lessons, the keyboard and the toolbar share. Plain functions over
// the vanilla store, like the other setters.
import type { CameraRequest, DeviceRef, StageSlice } from './stage-state';
import type { PodpathStore } from './store';

/** Phone-sized screens (the stage first, the panels a bottom sheet); styles/phone.css uses the same width. */
export const PHONE_QUERY = '(max-width: 600px)';

function patchStage(store: PodpathStore, patch: Partial<StageSlice>): void {
  store.setState((s) => ({ stage: { ...s.stage, ...patch } }));
}

type CameraAsk = CameraRequest extends infer R ? (R extends unknown ? Omit<R, 'seq'> : never) : never;

function askCamera(store: PodpathStore, ask: CameraAsk): void {
  const seq = (store.getState().stage.camera?.seq ?? 0) + 1;
  patchStage(store, { camera: { ...ask, seq } as CameraRequest });
}

/** Draw a highlight ring around these devices (replacing any earlier ones); `[]` clears it. */
export function highlightDevices(store: PodpathStore, devices: readonly DeviceRef[]): void {
  patchStage(store, { highlighted: devices });
}

/** Pan and zoom smoothly so these devices fill the stage. Switches packet-following off, or it would pull away. */
export function focusOnDevices(store: PodpathStore, devices: readonly DeviceRef[]): void {
  if (devices.length === 0) return;
  patchStage(store, { follow: false });
  askCamera(store, { kind: 'focus', devices });
}

/** The whole cluster in view. */
export function fitStage(store: PodpathStore): void {
  askCamera(store, { kind: 'fit' });
}

export function zoomStage(store: PodpathStore, factor: number): void {
  askCamera(store, { kind: 'zoom', factor });
}

/** Presenter mode; turning it on also turns packet-following on (its default there). */
export function setPresenter(store: PodpathStore, on: boolean): void {
  patchStage(store, on ? { presenter: true, follow: true } : { presenter: false });
}

export function setFollow(store: PodpathStore, on: boolean): void {
  patchStage(store, { follow: on });
}

export function setHelp(store: PodpathStore, open: boolean): void {
  patchStage(store, { help: open });
}

/** Fullscreen on or off; a refused request (an iframe without allowfullscreen) changes nothing. */
export function toggleFullscreen(doc: Document = document): void {
  if (doc.fullscreenElement) void doc.exitFullscreen?.().catch(() => {});
  else void doc.documentElement.requestFullscreen?.().catch(() => {});
}

/** Presenter mode on or off. It is a fullscreen mode: entering asks for fullscreen, leaving leaves it. */
export function togglePresenter(store: PodpathStore, doc: Document = document): void {
  const on = !store.getState().stage.presenter;
  setPresenter(store, on);
  if (on !== Boolean(doc.fullscreenElement)) toggleFullscreen(doc);
}
