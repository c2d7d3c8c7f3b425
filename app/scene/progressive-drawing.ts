// A large cluster is drawn a few nodes at a time. React renders a store update in one task, and the
// drawing of 20 nodes with their pods, devices and labels is about 2,000 SVG elements: created, styled and
// laid out at once it held the main thread for most of a second. The nodes are split into chunks of about
// ELEMENTS_PER_CHUNK elements, and the next chunk is drawn after the browser has painted the previous one,
// so every task stays short and the page answers input while the cluster fills in. A cluster that fits in
// one chunk (every built-in scenario and lesson) is drawn whole, at once, as before.
import { useEffect, useState } from 'react';
import type { NodeFrame, SceneLayout } from './layout';

/** About what one task can create, style and lay out in well under 50 ms on a slow machine. */
export const ELEMENTS_PER_CHUNK = 400;

/** The SVG elements ClusterDevices.tsx draws for a node, near enough to size the chunks. */
export function nodeElements(node: NodeFrame): number {
  const frame = 12; // the frame, its title, the spine and hook-row wires, the NIC cable, the bridge
  const hooks = 6 * 4; // a mark and two labels in a group per hook
  const pod = 13;
  const device = 5;
  return (
    frame +
    hooks +
    node.pods.length * pod +
    (node.group ? pod + 2 : 0) +
    (node.devices.length + node.processes.length) * device
  );
}

/** How many of the layout's nodes each successive chunk has drawn in all: the last is every node. */
export function chunkEnds(nodes: readonly NodeFrame[], budget = ELEMENTS_PER_CHUNK): number[] {
  const ends: number[] = [];
  let used = 0;
  nodes.forEach((node, i) => {
    const cost = nodeElements(node);
    // A chunk holds at least one node, however many elements that node has.
    if (used > 0 && used + cost > budget) {
      ends.push(i);
      used = 0;
    }
    used += cost;
  });
  ends.push(nodes.length);
  return ends;
}

/** After the next paint (a frame), or after 50 ms when no frame comes (a hidden tab draws anyway). */
function afterPaint(run: () => void): () => void {
  let done = false;
  let timer = 0;
  const once = () => {
    if (done) return;
    done = true;
    cancelAnimationFrame(frame);
    clearTimeout(fallback);
    clearTimeout(timer);
    run();
  };
  const frame = requestAnimationFrame(() => {
    timer = window.setTimeout(once, 0);
  });
  const fallback = window.setTimeout(once, 50);
  return () => {
    done = true;
    cancelAnimationFrame(frame);
    clearTimeout(fallback);
    clearTimeout(timer);
  };
}

const sameNodes = (a: SceneLayout, b: SceneLayout) =>
  a.nodes.length === b.nodes.length && a.nodes.every((n, i) => n.name === b.nodes[i]!.name);

/**
 * How many of the layout's nodes to draw now: the first chunk at once, the rest chunk by chunk. A new
 * layout of the same nodes (pods expanded or collapsed) keeps what is drawn; a new cluster starts again.
 */
export function useProgressiveNodes(layout: SceneLayout | null): number {
  const [drawn, setDrawn] = useState<{ layout: SceneLayout | null; count: number }>(() => ({
    layout,
    count: layout ? chunkEnds(layout.nodes)[0]! : 0,
  }));
  let current = drawn;
  if (drawn.layout !== layout) {
    // Reset during render rather than in an effect, so no frame shows the old count with the new cluster.
    const kept = layout && drawn.layout && sameNodes(layout, drawn.layout) ? drawn.count : 0;
    current = { layout, count: Math.max(kept, layout ? chunkEnds(layout.nodes)[0]! : 0) };
    setDrawn(current);
  }
  const total = layout?.nodes.length ?? 0;
  const count = Math.min(current.count, total);
  useEffect(() => {
    if (!layout || count >= total) return;
    return afterPaint(() =>
      setDrawn((d) =>
        d.layout === layout
          ? { layout, count: chunkEnds(layout.nodes).find((end) => end > d.count) ?? total }
          : d,
      ),
    );
  }, [layout, count, total]);
  return count;
}
