import { describe, expect, test } from 'bun:test'
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'

/**
 * The dependency direction of ARCHITECTURE.md, checked on the import lines: the domain imports nothing
 * with I/O and owns its types, and actors and services never call up into `http`.
 */
const ROOT = join(import.meta.dir, '..')

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f))
    .map((f) => join(dir, f))
}

/** `file: specifier` for every import of a file under `dirs` whose specifier matches `banned`. */
function offending(dirs: string[], banned: RegExp): string[] {
  return dirs.flatMap(sources).flatMap((file) => {
    const text = readFileSync(join(ROOT, file), 'utf8')
    const specifiers = [...text.matchAll(/^import[^'"]*['"]([^'"]+)['"]/gm)].map((m) => m[1]!)
    return specifiers.filter((s) => banned.test(s)).map((s) => `${relative(ROOT, join(ROOT, file))}: ${s}`)
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
})
