import { describe, expect, test } from 'bun:test'
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'

/**
 * The dependency direction of ARCHITECTURE.md, checked on the import lines: the domain imports nothing
 * with I/O and owns its types, actors and services never call up into `http`, and views are pure
 * functions of view models, never of database rows.
 */
const ROOT = join(import.meta.dir, '..')

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f))
    .map((f) => join(dir, f))
}

/** Where a module names another: `import … from`, `import '…'`, `export … from`, and `import('…')` in types. */
const IMPORTS = [
  /^import[^'"]*['"]([^'"]+)['"]/gm,
  /^export[^'"]*?\bfrom\s*['"]([^'"]+)['"]/gm,
  /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
]

/** `file: specifier` for every import of a file under `dirs` whose specifier matches `banned`. */
function offending(dirs: string[], banned: RegExp): string[] {
  return dirs.flatMap(sources).flatMap((file) => {
    const text = readFileSync(join(ROOT, file), 'utf8')
    const specifiers = IMPORTS.flatMap((re) => [...text.matchAll(re)].map((m) => m[1]!))
    return specifiers.filter((s) => banned.test(s)).map((s) => `${relative(ROOT, join(ROOT, file))}: ${s}`)
  })
}

/** The repositories whose rows belong to an organization: `src/http` reads them through `deps.scoped` only. */
const TENANT_REPOS = ['chargers', 'device', 'sites', 'tokens', 'transactions']

/**
 * `file: use` for every use of an unscoped tenant repository in `src/http` (non-test): `repos.tokens…`
 * or `const { tokens } = deps.repos`. The driver pages are left out: they are public, each reached by
 * a charger's or a session's own secret code, and belong to no caller's scope.
 */
function unscopedUses(): string[] {
  const names = TENANT_REPOS.join('|')
  const direct = new RegExp(`\\brepos\\.(${names})\\b`, 'g')
  const destructured = /\{([^}]*)\}\s*=\s*deps\.repos\b/g
  return sources('src/http')
    .filter((file) => !file.startsWith(join('src', 'http', 'driver')))
    .flatMap((file) => {
      const text = readFileSync(join(ROOT, file), 'utf8')
      const uses = [...text.matchAll(direct)].map((m) => m[0])
      for (const m of text.matchAll(destructured))
        for (const name of (m[1] ?? '').split(',').map((n) => n.trim().split(':')[0]?.trim()))
          if (name && TENANT_REPOS.includes(name)) uses.push(`{ ${name} } = deps.repos`)
      return uses.map((u) => `${file}: ${u}`)
    })
}

describe('layering', () => {
  test('the domain imports no database, bus, HTTP or actor code', () => {
    expect(
      offending(['src/domain'], /(^@src\/(db|bus|http|services)\/|^@actors\/|\/(db|bus|http)\/)/),
    ).toEqual([])
  })

  test('actors and services never import http', () => {
    expect(offending(['actors', 'src/services'], /(^@src\/http\/|(^|\/)http\/)/)).toEqual([])
  })

  test('views import no database, bus, service, actor or HTTP code: they render view models, never rows', () => {
    expect(
      offending(
        ['views'],
        /(^@src\/(db|bus|http|services)(\/|$)|^@actors\/|(^|\/)(db|bus|http|services|actors)\/|^(drizzle-orm|@libsql|libsql|nats)(\/|$))/,
      ),
    ).toEqual([])
  })

  test("HTTP controllers reach tenants' rows only through the scoped repositories (deps.scoped)", () => {
    expect(unscopedUses()).toEqual([])
  })
})
