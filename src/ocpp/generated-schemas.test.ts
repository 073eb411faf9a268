import { describe, expect, test } from 'bun:test'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import type { z } from 'zod'
import { generateOcppModules, messageFingerprints } from '../../scripts/gen-ocpp-schemas'
import {
  type JsonSchema,
  type MessageKind,
  type OcppVersion,
  ocppVersions,
  repoRoot,
} from './official-schemas'
import { official as loaded } from './oracle'
import * as v16 from './v16/generated/messages'
import { provenance as provenance16 } from './v16/generated/provenance'
import * as v21 from './v21/generated/messages'
import { provenance as provenance21 } from './v21/generated/provenance'
import * as v201 from './v201/generated/messages'
import { provenance as provenance201 } from './v201/generated/provenance'

// The official OCPP JSON schemas are the oracle: for payloads drawn from each schema, valid and mutated,
// the generated zod schema must accept exactly what ajv accepts.

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }
type Schemas = Readonly<Record<string, z.ZodType>>
type Provenance = { source: string; fingerprints: Readonly<Record<string, string>> }
const generated: Record<OcppVersion, { request: Schemas; response: Schemas; provenance: Provenance }> = {
  '1.6': { request: v16.requestSchemas, response: v16.responseSchemas, provenance: provenance16 },
  '2.0.1': { request: v201.requestSchemas, response: v201.responseSchemas, provenance: provenance201 },
  '2.1': { request: v21.requestSchemas, response: v21.responseSchemas, provenance: provenance21 },
}

/** A local binding, so that `if (!official) return` narrows it inside the tests below. */
const official = loaded
const layout = official?.source.kind === 'ocpp-rpc' ? 'ocpp-rpc' : 'directory'

describe.skipIf(!official)('generated OCPP schemas agree with the official JSON schemas', () => {
  if (!official) return
  const sameLayout = ocppVersions.every((v) => generated[v].provenance.source === layout)
  if (!sameLayout) {
    console.warn(
      `!!! Generated from ${generated['1.6'].provenance.source} schemas, only ${layout} found: freshness not checked`,
    )
  }

  test.skipIf(!sameLayout)('the generated modules are what `npm run gen:ocpp` writes today', () => {
    for (const file of generateOcppModules(official)) {
      const onDisk = readFileSync(join(repoRoot, file.path), 'utf8')
      expect(onDisk === file.content, `${file.path} is stale: run npm run gen:ocpp`).toBe(true)
    }
  })

  for (const version of ocppVersions) {
    const messages = official.messages[version]
    const prints = messageFingerprints(official, version)
    const printed = generated[version].provenance.fingerprints
    const differing = messages.filter((m) => !sameLayout && prints[key(m)] !== printed[key(m)])
    if (differing.length > 0) {
      console.warn(`!!! OCPP ${version}: this copy of ${differing.map(key).join(', ')} differs: not compared`)
    }

    describe(`OCPP ${version}`, () => {
      test('there is a zod schema for every official request and response, and no other', () => {
        const names = (kind: MessageKind) => messages.filter((m) => m.kind === kind).map((m) => m.action)
        expect(Object.keys(generated[version].request).sort()).toEqual(names('request'))
        expect(Object.keys(generated[version].response).sort()).toEqual(names('response'))
      })

      for (const message of messages.filter((m) => !differing.includes(m))) {
        const { action, kind, schema } = message
        const zodSchema = generated[version][kind][action] as z.ZodType
        const check = (payload: Json, label: string) =>
          agree(version, action, kind, zodSchema, payload, label)

        test(`${action} ${kind}: zod accepts exactly what the official schema accepts`, () => {
          const [full] = fc.sample(arbitrary(schema, schema, true), { numRuns: 1, seed: 1 })
          check(full as Json, 'valid sample with every optional property')
          for (const m of mutants(schema, full as Json)) check(m.make(), m.label)
          const picks = fc.array(fc.nat(), { minLength: 8, maxLength: 8 })
          const property = fc.property(arbitrary(schema, schema, false), picks, (payload, indexes) => {
            check(payload, 'valid sample')
            const all = mutants(schema, payload)
            for (const i of indexes) {
              const mutant = all[i % all.length]
              if (mutant) check(mutant.make(), mutant.label)
            }
          })
          fc.assert(property, { numRuns: 25 })
        }, 30_000) // up to 1,300 mutants of a 20 kB 2.1 payload, each through zod and ajv: seconds of CPU
      }
    })
  }

  test('the one deliberate difference: integers beyond 2^53 - 1 are rejected, JSON Schema accepts them', () => {
    const payload = { idTagInfo: { status: 'Accepted' }, transactionId: 2 ** 53 }
    expect(official.validate('1.6', 'StartTransaction', 'response', payload).ok).toBe(true)
    expect(v16.responseSchemas.StartTransaction.safeParse(payload).success).toBe(false)
  })
})

function key(m: { action: string; kind: MessageKind }): string {
  return `${m.action} ${m.kind}`
}

/**
 * Throws, naming both verdicts, unless zod and ajv agree. A payload both accept must come back unchanged,
 * except that zod drops an own `__proto__` key (from JSON.parse) of a loose object: no prototype pollution.
 */
function agree(
  version: OcppVersion,
  action: string,
  kind: MessageKind,
  schema: z.ZodType,
  payload: Json,
  label: string,
) {
  const oracle = (official as NonNullable<typeof official>).validate(version, action, kind, payload)
  const result = schema.safeParse(payload)
  const shown = () => JSON.stringify(payload).slice(0, 400)
  if (oracle.ok !== result.success) {
    const zodSays = result.success
      ? 'valid'
      : `invalid: ${result.error.issues.map((i) => i.message).join('; ')}`
    const ajvSays = oracle.ok ? 'valid' : `invalid: ${oracle.errors}`
    throw new Error(`${version} ${action} ${kind}, ${label}: official ${ajvSays}, zod ${zodSays}\n${shown()}`)
  }
  if (result.success && !Bun.deepEquals(result.data, withoutProtoKeys(payload), true)) {
    throw new Error(`${version} ${action} ${kind}, ${label}: zod changed the payload\n${shown()}`)
  }
}

function withoutProtoKeys(value: Json): Json {
  if (Array.isArray(value)) return value.map(withoutProtoKeys)
  if (value === null || typeof value !== 'object') return value
  const entries = Object.entries(value).filter(([k]) => k !== '__proto__')
  return Object.fromEntries(entries.map(([k, v]) => [k, withoutProtoKeys(v)]))
}

// ---- payloads drawn from a JSON schema ----

function resolve(schema: JsonSchema, root: JsonSchema): JsonSchema {
  if (typeof schema.$ref !== 'string') return schema
  const definitions = root.definitions as Record<string, JsonSchema>
  return definitions[schema.$ref.replace('#/definitions/', '')] as JsonSchema
}

const num = (s: JsonSchema, k: string): number | undefined =>
  typeof s[k] === 'number' ? (s[k] as number) : undefined
const memo = new Map<string, WeakMap<JsonSchema, fc.Arbitrary<Json>>>()

/** Valid payloads of a schema; `full` puts in every optional property and at least one array item. */
function arbitrary(schema: JsonSchema, root: JsonSchema, full: boolean): fc.Arbitrary<Json> {
  const s = resolve(schema, root)
  const cache = memo.get(String(full)) ?? new WeakMap()
  memo.set(String(full), cache)
  const known = cache.get(s)
  if (known) return known
  const made = build(s, root, full)
  cache.set(s, made)
  return made
}

function build(s: JsonSchema, root: JsonSchema, full: boolean): fc.Arbitrary<Json> {
  if (Array.isArray(s.enum)) return fc.constantFrom(...(s.enum as string[]))
  if (s.type === 'string') return stringArbitrary(s)
  if (s.type === 'integer' || s.type === 'number') return numberArbitrary(s)
  if (s.type === 'boolean') return fc.boolean()
  if (s.type === 'array') {
    const min = num(s, 'minItems') ?? 0
    const max = Math.min(num(s, 'maxItems') ?? 2, Math.max(min, 2))
    const minLength = full ? Math.max(min, Math.min(1, max)) : min
    return fc.array(arbitrary(s.items as JsonSchema, root, full), {
      minLength,
      maxLength: full ? minLength : max,
    })
  }
  if (s.type === 'object') {
    const props = (s.properties ?? {}) as Record<string, JsonSchema>
    const model = Object.fromEntries(Object.entries(props).map(([k, p]) => [k, arbitrary(p, root, full)]))
    const required = (s.required ?? []) as string[]
    const record = fc.record(model, { requiredKeys: full ? Object.keys(model) : required })
    if (s.additionalProperties === false) return record as fc.Arbitrary<Json>
    const extra = fc.dictionary(
      fc.string({ minLength: 1, maxLength: 6 }).map((k) => `x-${k}`),
      anyJson,
    )
    return fc.tuple(record, extra).map(([r, e]) => ({ ...(e as object), ...r }) as Json)
  }
  return anyJson
}

/** Any JSON, without `__proto__` keys: those get their own mutant. */
const anyJson = fc
  .jsonValue({ maxDepth: 2 })
  .filter((v) => !JSON.stringify(v).includes('"__proto__"')) as fc.Arbitrary<Json>

const unit = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...'abcXYZ0189 -_.:/') },
  { weight: 1, arbitrary: fc.constantFrom('é', '€', '😀', '𝄞', '\u0000', '"', '\\', '\n') },
)

function stringArbitrary(s: JsonSchema): fc.Arbitrary<Json> {
  const min = num(s, 'minLength') ?? 0
  const max = num(s, 'maxLength')
  if (s.format === 'date-time') return dateTimes
  if (s.format === 'uri')
    return fc
      .webUrl({ withFragments: true, withQueryParameters: true })
      .filter((u) => u.length <= (max ?? 1e9))
  const short = fc.string({ unit, minLength: min, maxLength: Math.min(max ?? 40, Math.max(min, 24)) })
  if (max === undefined) return short
  return fc.oneof(
    { weight: 9, arbitrary: short },
    fc.constantFrom('x', '😀').map((c) => c.repeat(max)),
  )
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0')
const dateTimes = fc
  .record({
    y: fc.integer({ min: 1970, max: 2099 }),
    mo: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 28 }),
    time: fc.tuple(
      fc.integer({ min: 0, max: 23 }),
      fc.integer({ min: 0, max: 59 }),
      fc.integer({ min: 0, max: 59 }),
    ),
    fraction: fc.constantFrom('', '', '.5', '.123', '.000001'),
    sep: fc.constantFrom('T', 'T', 'T', 't', ' '),
    zone: fc.constantFrom('Z', 'Z', 'z', '+00:00', '+02:00', '-05:30', '+0100', '-08', '+23:59'),
  })
  .map(({ y, mo, d, time: [h, mi, sec], fraction, sep, zone }) => {
    return `${pad(y, 4)}-${pad(mo)}-${pad(d)}${sep}${pad(h)}:${pad(mi)}:${pad(sec)}${fraction}${zone}`
  })

function numberArbitrary(s: JsonSchema): fc.Arbitrary<Json> {
  const lo = num(s, 'minimum') ?? Math.min(-1e6, num(s, 'maximum') ?? 0)
  const hi = num(s, 'maximum') ?? Math.max(1e6, lo)
  const step = num(s, 'multipleOf') ?? (s.type === 'integer' ? 1 : undefined)
  const edges = fc.constantFrom(lo, hi)
  if (step === undefined) {
    const doubles = fc.double({ min: lo, max: hi, noNaN: true })
    const cents = fc.integer({ min: Math.ceil(lo * 100), max: Math.floor(hi * 100) }).map((k) => k / 100)
    return fc.oneof(doubles, cents, edges)
  }
  const digits = (String(step).split('.')[1] ?? '').length
  const multiples = fc
    .integer({ min: Math.ceil(lo / step), max: Math.floor(hi / step) })
    .map((k) => Number((k * step).toFixed(digits)))
  return fc.oneof({ weight: 4, arbitrary: multiples }, edges)
}

// ---- mutants: one change each, somewhere in a valid payload ----

interface Mutant {
  label: string
  make: () => Json
}

const trickyDateTimes = [
  '2024-02-29T12:00:00Z',
  '2023-02-29T12:00:00Z',
  '2024-04-31T00:00:00Z',
  '2024-01-01T12:00:00',
  '2024-01-01T24:00:00Z',
  '2024-01-01T12:60:00Z',
  '2024-01-01T12:00Z',
  '2024-01-01T12:00:00+01',
  '2024-01-01T12:00:00+0130',
  '2024-01-01T12:00:00+24:00',
  '2024-01-01 12:00:00Z',
  '2024-01-01t12:00:00z',
  '2016-12-31T23:59:60Z',
  '2016-12-31T23:59:60+01:00',
  '2016-12-31T22:59:60-01:00',
  '2016-12-31T12:59:60Z',
  '2024-1-01T12:00:00Z',
  '2024-01-01T12:00:00.Z',
  '2024-01-01T12:00:00.123456789Z',
  '2024-01-01TT12:00:00Z',
  '2024-01-01T12:00:00Z ',
  '20240101T120000Z',
  '2024-01-01',
  '',
  '2024-01-01\u200312:00:00Z',
  'yesterday',
]
const trickyUris = [
  'http://example.com',
  'urn:isbn:0451450523',
  'example.com/path',
  '/relative/path',
  'http://exa mple.com',
  'http://[::1]:80/',
  'mailto:a@b.c',
  'http://ex%4mple.com',
  'http://例え.jp',
  'HTTP://EXAMPLE.COM',
  '',
  '://x',
]

/** Every single-step corruption of a payload: the official schema decides which ones are still valid. */
function mutants(root: JsonSchema, payload: Json): Mutant[] {
  const out: Mutant[] = []
  const visit = (schema: JsonSchema, value: Json, path: (string | number)[]) => {
    const s = resolve(schema, root)
    const put = (label: string, v: Json) =>
      out.push({ label: `${label} at /${path.join('/')}`, make: () => replaceAt(payload, path, v) })
    put('null', null)
    if (Array.isArray(s.enum)) {
      put('a value outside the enum', 'NotAnEnumValue')
      if (String(value).toLowerCase() !== value)
        put('an enum value in lower case', String(value).toLowerCase())
      return
    }
    if (s.type === 'string') return stringMutants(s, put)
    if (s.type === 'integer' || s.type === 'number') return numberMutants(s, value as number, put)
    if (s.type === 'boolean') {
      put('a string for a boolean', String(value))
      put('1 for true', 1)
      return
    }
    if (s.type === 'array' && Array.isArray(value)) {
      put('an object for an array', {})
      put('an empty array', [])
      put('a null item', [...value, null])
      const max = num(s, 'maxItems')
      if (max !== undefined && value.length > 0) put('one item over maxItems', Array(max + 1).fill(value[0]))
      if (value.length > 0) visit(s.items as JsonSchema, value[0] as Json, [...path, 0])
      return
    }
    if (s.type === 'object' && value && typeof value === 'object' && !Array.isArray(value)) {
      put('an array for an object', [])
      put('a string for an object', 'x')
      put('an unknown property', { ...value, unexpectedProperty: 'x' })
      put('an own __proto__ property', { ...value, ...JSON.parse('{"__proto__": {"x": 1}}') })
      for (const name of (s.required ?? []) as string[]) {
        const { [name]: _, ...rest } = value
        put(`required ${name} removed`, rest)
      }
      const props = (s.properties ?? {}) as Record<string, JsonSchema>
      for (const [k, v] of Object.entries(value)) if (props[k]) visit(props[k], v, [...path, k])
    }
  }
  visit(root, payload, [])
  return out
}

function stringMutants(s: JsonSchema, put: (label: string, v: Json) => void) {
  put('a number for a string', 42)
  const max = num(s, 'maxLength')
  const min = num(s, 'minLength')
  if (max !== undefined) {
    put('one character over maxLength', 'x'.repeat(max + 1))
    put('maxLength astral characters (2 UTF-16 units each)', '😀'.repeat(max))
    put('one astral character over maxLength', '😀'.repeat(max + 1))
  }
  if (min !== undefined && min > 0) put('one character under minLength', 'x'.repeat(min - 1))
  if (s.format === 'date-time') for (const d of trickyDateTimes) put(`date-time ${JSON.stringify(d)}`, d)
  if (s.format === 'uri') for (const u of trickyUris) put(`uri ${JSON.stringify(u)}`, u)
}

function numberMutants(s: JsonSchema, value: number, put: (label: string, v: Json) => void) {
  put('a numeric string for a number', String(value))
  put('a boolean for a number', true)
  put('a large number', 1e15)
  if (s.type === 'integer') put('a fraction for an integer', value + 0.5)
  const min = num(s, 'minimum')
  const max = num(s, 'maximum')
  const step = num(s, 'multipleOf')
  const off: [string, number | undefined][] = [
    ['below minimum', min === undefined ? undefined : min - (step ?? 1)],
    ['just below minimum', min === undefined ? undefined : min - 0.001],
    ['above maximum', max === undefined ? undefined : max + (step ?? 1)],
    ['just above maximum', max === undefined ? undefined : max + 0.001],
    ['half a step off multipleOf', step === undefined ? undefined : value + step / 2],
    ['7.4 for multipleOf', step === undefined ? undefined : 7.4],
    ['0.3 for multipleOf', step === undefined ? undefined : 0.3],
  ]
  for (const [label, v] of off) if (v !== undefined) put(label, v)
}

function replaceAt(node: Json, path: (string | number)[], value: Json): Json {
  const [head, ...rest] = path
  if (head === undefined) return value
  if (Array.isArray(node)) return node.map((item, i) => (i === head ? replaceAt(item, rest, value) : item))
  const obj = node as { [key: string]: Json }
  return { ...obj, [head]: replaceAt(obj[head] as Json, rest, value) }
}
