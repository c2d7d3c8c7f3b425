// Which labels the stage draws at a scale: zoomed out, fewer and bigger labels (node names, device kinds,
// pod names); zoomed in, the addresses, veth names and full hook names too. The thresholds are where the
// detail labels (13 drawing units) would fall under about 12 px on screen, and where the pod names would
// no longer fit their boxes at the size they are drawn in the far level.
export type LevelOfDetail = 'overview' | 'far' | 'near';

export const NEAR_FROM = 0.9;
export const FAR_FROM = 0.45;

export function levelOfDetail(k: number): LevelOfDetail {
  if (k >= NEAR_FROM) return 'near';
  if (k >= FAR_FROM) return 'far';
  return 'overview';
}
