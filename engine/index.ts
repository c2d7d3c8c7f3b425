// The engine as the app sees it, besides the protocol (engine/protocol.ts) and the worker (engine/worker.ts):
// the shapes of what the worker sends back and the few pure helpers the page runs itself. The app imports
// the engine through this file only (eslint.config.js enforces it), so the engine's folders can move freely.
export type { CniProcess, CniStep, CniStepKind } from './cni/add-steps';
export { HOP_KINDS, type HopKind } from './datapath/hop';
export type { Diagnostic } from './model/scenario';
export { MAX_TEXT_BYTES } from './scenario/limits';
export { OPENED_FILE_MAX_BYTES } from './scenario/input-caps';
export { PROXY_MODE_NAMES, proxyModeInfo, type ProxyMode, type ProxyModeInfo } from './model/proxy-mode';
export type { PacketView } from './net/packet';
export {
  decodeShare,
  encodeShare,
  shareableLink,
  type ShareableLink,
  type SharedFlow,
} from './share/link-codec';
export { fromBase64Url, toBase64Url } from './share/base64url';
export { pipeBytes } from './share/bounded-pipe';
export type { HopJson, TraceJson } from './trace/json';
export {
  barePodKeys,
  canSplitReplica,
  deletePod,
  deploymentKeys,
  deploymentReplicas,
  replicaNotReady,
  replicaOwner,
  scaleDeployment,
  setPodReady,
} from './scenario/yaml-edits';
