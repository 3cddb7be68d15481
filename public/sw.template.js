// qianshou service worker. Written at build time by scripts/post_build.py from this template:
// the precache list is the build's own hashed files, and each build gets its own cache.
'use strict';

const VERSION = '__VERSION__';
const CACHE = `qianshou-${VERSION}`;
const BASE = '__PUBLIC_URL__';
const PRECACHE = __PRECACHE__;
const SHELL = `${BASE}index.html`;

// A name with a content hash (qianshou-0123456789abcdef_bg.wasm) always holds the same bytes.
// Trunk writes its hash in hex without leading zeros, so 15 digits one build in sixteen (and that
// wasm was fetched twice); fewer than 12, one in 65,536, only costs a download, never a stale file.
const HASHED = /-[0-9a-f]{12,}[^/]*$/;

/**
 * One file for the precache. A hashed file is taken from a copy already kept (the page's own
 * download of the wasm, left by the loader in 'qianshou-boot', or the previous build's cache), else
 * from the HTTP cache: downloading it again would only bring the same bytes (WebKit did, the wasm
 * twice on a first visit). Any other file is fetched afresh, past the HTTP cache.
 */
async function precache(cache, url) {
  if (HASHED.test(url)) {
    const kept = await caches.match(url);
    if (kept) return cache.put(url, kept);
    return cache.add(new Request(url, { cache: 'force-cache' }));
  }
  return cache.add(new Request(url, { cache: 'reload' }));
}

self.addEventListener('install', (event) => {
  // No skipWaiting here: a new version waits until the user taps "update".
  event.waitUntil(caches.open(CACHE).then((cache) => Promise.all(PRECACHE.map((url) => precache(cache, url)))));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(
        names.filter((n) => n.startsWith('qianshou-') && n !== CACHE).map((n) => caches.delete(n)),
      );
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') {
    self.skipWaiting();
  }
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;

  // Every page of the app is the same shell; the router inside picks the screen. Cache first,
  // so a village with a weak signal gets the app at once instead of waiting on the network.
  if (request.mode === 'navigate') {
    event.respondWith(
      caches.open(CACHE).then(async (cache) => (await cache.match(SHELL)) || fetch(request)),
    );
    return;
  }
  event.respondWith(
    caches.open(CACHE).then(async (cache) => (await cache.match(request)) || fetch(request)),
  );
});
