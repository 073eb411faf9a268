import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { assets } from '@views/layout'
import { Elysia } from 'elysia'

const root = resolve(import.meta.dir, '../../..')

interface Asset {
  body: string
  type: string
  etag: string
  immutable: boolean
}

function load(path: string, type: string, immutable: boolean): Asset {
  const body = readFileSync(resolve(root, path), 'utf8')
  return { body, type, etag: `"${Bun.hash(body).toString(36)}"`, immutable }
}

/** Fails at boot if a pinned asset URL no longer matches the installed package version. */
function checkPin(url: string, pkg: string): void {
  const { version } = JSON.parse(
    readFileSync(resolve(root, 'node_modules', pkg, 'package.json'), 'utf8'),
  ) as { version: string }
  if (!url.includes(version))
    throw new Error(`${url} is pinned, but ${pkg} ${version} is installed: update views/layout.tsx`)
}

/**
 * htmx, its SSE extension and our stylesheet, served by the app itself (no CDN). Versioned files are
 * cached forever; the stylesheet is revalidated by ETag.
 */
export function staticAssets() {
  checkPin(assets.htmx, 'htmx.org')
  checkPin(assets.sse, 'htmx-ext-sse')
  const files = new Map<string, Asset>([
    [assets.htmx, load('node_modules/htmx.org/dist/htmx.min.js', 'text/javascript', true)],
    [assets.sse, load('node_modules/htmx-ext-sse/sse.js', 'text/javascript', true)],
    [assets.css, load('views/assets/app.css', 'text/css', false)],
  ])
  return new Elysia({ name: 'static' }).get('/static/*', ({ request, path }) => {
    const file = files.get(path)
    if (!file) return new Response('not found', { status: 404 })
    if (request.headers.get('if-none-match') === file.etag) return new Response(null, { status: 304 })
    const cache = file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache'
    return new Response(file.body, {
      headers: { 'content-type': `${file.type}; charset=utf-8`, etag: file.etag, 'cache-control': cache },
    })
  })
}
