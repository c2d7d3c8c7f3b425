// The drawn devices the active hop is about, so their names stay on screen when the level of detail has
// dropped the others (a large cluster fitted whole, or zoomed out): the pod or the node's hook, device or
// process the hop names. Marked with `data-active`, an attribute React never writes, like a lesson's
// `data-highlighted` (styles/stage.css shows both at every level). Pure selector building, so it is unit-tested.
import type { PlaceKey } from './anchor';
import { HOOKS, type SceneLayout } from './layout';

const quote = (v: string) => `"${v.replace(/["\\]/g, '\\$&')}"`;

/** CSS selectors of the drawn elements a hop is at (empty when it is on the underlay or outside). */
export function activeSelectors(hop: PlaceKey, layout: SceneLayout): string[] {
  const [space, ...rest] = hop.netns.split('/');
  const name = rest.join('/');
  if (space === 'pod') {
    const node = layout.nodes.find((n) => n.pods.some((p) => p.key === name) || n.group?.keys.includes(name));
    if (!node) return [];
    return node.pods.some((p) => p.key === name)
      ? [`[data-pod=${quote(name)}]`]
      : [`[data-group=${quote(node.name)}]`];
  }
  if (space !== 'node') return [];
  const node = layout.nodes.find((n) => n.name === name);
  if (!node) return [];
  const inNode = `[data-node=${quote(node.name)}]`;
  if ((HOOKS as readonly string[]).includes(hop.kind)) return [`${inNode} .hook-${hop.kind}`];
  if (hop.kind === 'user-space' && hop.process)
    return [`${inNode} [data-process=${quote(hop.process.name)}]`];
  const pod = node.pods.find((p) => p.hostVeth === hop.device);
  if (pod) return [`[data-pod=${quote(pod.key)}]`];
  if (node.group?.hostVeths.includes(hop.device)) return [`[data-group=${quote(node.name)}]`];
  // Encapsulation happens at the tunnel device, whatever device the hop names.
  const tunnel = /-(en|de)cap$/.test(hop.kind) ? node.devices.find((d) => d.tunnel) : undefined;
  const device = tunnel?.name ?? (hop.device === '-' ? null : hop.device);
  return device ? [`${inNode} [data-device=${quote(device)}]`] : [];
}

/** Moves `data-active` onto the elements of `selectors` under `root`. */
export function markActive(root: ParentNode, selectors: readonly string[]): void {
  for (const el of root.querySelectorAll('[data-active]')) el.removeAttribute('data-active');
  for (const s of selectors) for (const el of root.querySelectorAll(s)) el.setAttribute('data-active', '');
}
