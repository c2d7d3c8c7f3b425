// What the stage shows besides the cluster itself: presenter mode, the camera (following the packet, or
// asked to look at some devices), and devices picked out for the audience. Lessons and the keyboard drive
// it through the actions in `stage-actions.ts`; the scene only reads it.

/** One drawn device, named the way the trace names places: the namespace id and the device. */
export interface DeviceRef {
  /** `node/NAME`, `pod/NS/NAME`, `underlay` or `external/IP` (the trace's `netns`). */
  readonly netns: string;
  /**
   * The device in that namespace (`cni0`, `flannel.1`, `eth0`, a host veth, `kube-ipvs0`), a netfilter
   * hook (`prerouting` … `postrouting`, `routing`), or omitted for the whole namespace (a node frame, a pod).
   */
  readonly device?: string;
}

/** A one-shot request to the camera; `seq` grows with every request so the same one can be repeated. */
export type CameraRequest =
  | { readonly kind: 'fit'; readonly seq: number }
  | { readonly kind: 'zoom'; readonly factor: number; readonly seq: number }
  | { readonly kind: 'focus'; readonly devices: readonly DeviceRef[]; readonly seq: number };

export interface StageSlice {
  /** Fullscreen-sized type, the side panel reduced to the hop's sentence and changes. */
  readonly presenter: boolean;
  /** The camera pans and zooms to the active hop's devices (and to the whole path at the end). */
  readonly follow: boolean;
  /** Devices drawn with a highlight ring (a lesson's "look here"); empty for none. */
  readonly highlighted: readonly DeviceRef[];
  readonly camera: CameraRequest | null;
  /** The keyboard help overlay is open. */
  readonly help: boolean;
}

export function initialStage(): StageSlice {
  return { presenter: false, follow: false, highlighted: [], camera: null, help: false };
}
