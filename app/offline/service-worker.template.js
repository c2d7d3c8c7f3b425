// Podpath's service worker: the app works offline after one visit (a lecture hall's Wi-Fi is not to be
// trusted). The build fills in the list of every file it wrote and a version made from their contents
// (scripts/vite/precache-service-worker.ts), so a new build is a new worker with a new cache.
// - Built assets have content hashes in their names: cache first, they never change under one name.
// - A page load (navigation) asks the network first, for a fresh index.html, but falls back to the cached
//   one after NAVIGATION_TIMEOUT_MS or at once when offline.
const VERSION = '__PODPATH_VERSION__';
const PRECACHE = __PODPATH_PRECACHE__;
const CACHE = `podpath-${VERSION}`;
const NAVIGATION_TIMEOUT_MS = 3000;

// Static servers answer with `Vary: Origin` (Vite's preview does), and a module script is requested with an
// Origin header that the precaching request lacked: the copy is the same file either way.
const MATCH = { ignoreVary: true };

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(keys.filter((k) => k.startsWith('podpath-') && k !== CACHE).map((k) => caches.delete(k))),
      )
      .then(() => self.clients.claim()),
  );
});

function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out')), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

async function navigate(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await withTimeout(fetch(request), NAVIGATION_TIMEOUT_MS);
    if (response.ok) return response;
    return (await cache.match('./', MATCH)) ?? response;
  } catch (error) {
    const shell = await cache.match('./', MATCH);
    if (shell) return shell;
    throw error;
  }
}

async function cached(request) {
  const hit = await caches.match(request, MATCH);
  return hit ?? fetch(request);
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  event.respondWith(request.mode === 'navigate' ? navigate(request) : cached(request));
});
