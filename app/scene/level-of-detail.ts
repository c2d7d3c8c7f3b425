// Which labels the stage draws at a scale. Every label is drawn at least `minPx` on screen (styles/stage.css
// grows its font as the drawing shrinks: max(nominal, minPx / k)); so that grown labels still fit their
// boxes, zoomed out draws fewer of them:
//   overview: node names only (a large cluster fitted whole);
//   far:      node and pod names;
//   mid:      + node addresses, device and process names, short hook names (PRE, FWD …);
//   ports:    + pod IPs, eth0 and veth names;
//   near:     + device addresses, full hook names.
// The thresholds are the scales where the next level's longest label, grown to `minPx`, still fits its
// box in layout.ts (a 13-character pod name in 220 units, `kube-ipvs0` in a device slot, a veth name in
// the 140 units right of its port, the eth0 and veth rows 32 units apart, `192.168.56.11/24` in a device
// slot). Presenter mode asks for 20 px, so every threshold moves up by 20/12: its whole-node framing (about
// 1.2) is at the ports level, so the veths keep their names there.
export type LevelOfDetail = 'overview' | 'far' | 'mid' | 'ports' | 'near';

export const BASE_MIN_PX = 12;
export const PRESENTER_MIN_PX = 20;
const NEAR_FROM = 0.95;
const PORTS_FROM = 0.66;
const MID_FROM = 0.62;
const FAR_FROM = 0.48;

export function levelOfDetail(k: number, minPx = BASE_MIN_PX): LevelOfDetail {
  const scaled = (k * BASE_MIN_PX) / minPx;
  if (scaled >= NEAR_FROM) return 'near';
  if (scaled >= PORTS_FROM) return 'ports';
  if (scaled >= MID_FROM) return 'mid';
  if (scaled >= FAR_FROM) return 'far';
  return 'overview';
}
