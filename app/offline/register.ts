// Installs the service worker that keeps a copy of the build, so the next visit works without a network.
// Only the built app has one (the dev server's modules change on every edit); a browser that refuses
// (private mode, an http: origin other than localhost) simply stays online-only.
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const register = () =>
    navigator.serviceWorker.register(`${import.meta.env.BASE_URL}sw.js`).catch(() => undefined);
  if (document.readyState === 'complete') void register();
  else window.addEventListener('load', () => void register(), { once: true });
}
