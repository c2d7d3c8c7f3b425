// What the diagram's colours and shapes mean. Each swatch is drawn with the diagram's own CSS classes, so
// the legend cannot drift from the drawing's colours.
import type { ReactNode } from 'react';
import { Term } from './Term';

function Swatch({ children }: { children: ReactNode }) {
  return (
    <svg className="legend-swatch" width="40" height="22" viewBox="0 0 40 22" aria-hidden="true">
      {children}
    </svg>
  );
}

const ITEMS: readonly { swatch: ReactNode; term: string; text: string }[] = [
  {
    swatch: <rect className="node-frame" x="2" y="2" width="36" height="18" rx="4" />,
    term: 'node',
    text: 'a node (its network namespace)',
  },
  {
    swatch: <rect className="pod-box" x="2" y="2" width="36" height="18" rx="4" />,
    term: 'pod',
    text: 'a pod, with its eth0',
  },
  {
    swatch: (
      <rect
        className="pod-box"
        x="2"
        y="2"
        width="36"
        height="18"
        rx="4"
        style={{ fill: '#f3f3f3', stroke: '#999', strokeDasharray: '4 3' }}
      />
    ),
    term: 'not ready',
    text: 'a pod that is not ready (dashed)',
  },
  {
    swatch: <rect className="veth" x="2" y="6" width="36" height="10" rx="3" />,
    term: 'veth',
    text: 'the host end of a pod’s veth pair',
  },
  {
    swatch: <rect className="bridge" x="2" y="6" width="36" height="10" rx="3" />,
    term: 'cni0',
    text: 'the cni0 bridge',
  },
  {
    swatch: <path className="hook-mark" d="M20,1 l10,10 l-10,10 l-10,-10 z" />,
    term: 'hook',
    text: 'a netfilter hook or the routing decision',
  },
  {
    swatch: <rect className="device" x="2" y="4" width="36" height="14" rx="4" />,
    term: 'flannel.1',
    text: 'a tunnel or virtual device',
  },
  {
    swatch: <rect className="device nic" x="2" y="4" width="36" height="14" rx="4" />,
    term: 'NIC',
    text: 'the node’s network card',
  },
  {
    swatch: <line className="underlay" x1="2" y1="11" x2="38" y2="11" />,
    term: 'underlay',
    text: 'the network between the nodes',
  },
  {
    swatch: <rect className="external" x="2" y="2" width="36" height="18" rx="6" />,
    term: 'external client',
    text: 'a client outside the cluster',
  },
  {
    swatch: <rect className="legend-packet request" x="4" y="5" width="32" height="12" rx="6" />,
    term: 'request',
    text: 'the packet on its way (blue)',
  },
  {
    swatch: <rect className="legend-packet reply" x="4" y="5" width="32" height="12" rx="6" />,
    term: 'reply',
    text: 'the reply coming back (green)',
  },
  {
    swatch: <rect className="legend-packet dropped" x="4" y="5" width="32" height="12" rx="6" />,
    term: 'DROP',
    text: 'dropped or rejected (red)',
  },
  {
    swatch: <rect className="legend-packet envelope-swatch" x="2" y="3" width="36" height="16" rx="8" />,
    term: 'encapsulation',
    text: 'an envelope: the packet inside outer headers',
  },
  {
    swatch: <rect className="legend-highlight" x="3" y="3" width="34" height="16" rx="4" />,
    term: 'highlight',
    text: 'a device the lesson is talking about',
  },
];

export function Legend() {
  return (
    <details className="diagram-legend">
      <summary>Legend</summary>
      <ul aria-label="What the diagram's shapes and colours mean">
        {ITEMS.map((item) => (
          <li key={item.text}>
            <Swatch>{item.swatch}</Swatch>
            <span>
              <Term name={item.term}>{item.text}</Term>
            </span>
          </li>
        ))}
      </ul>
    </details>
  );
}
