/**
 * Generates zod 4 schemas and TypeScript types for every OCPP 1.6J, 2.0.1 and 2.1 message from the official
 * OCPP JSON schemas, into `src/ocpp/v16|v201|v21/generated/`. Run `npm run gen:ocpp`; the schemas come from
 * `OCPP_SCHEMAS_DIR`, else `../shared/ocpp-schemas`, else the copy in the `ocpp-rpc` package.
 *
 * Unknown keywords make it throw, so a new schema feature is never silently dropped.
 */
import { createHash } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import {
  type JsonSchema,
  loadOfficialSchemas,
  type OcppVersion,
  type OfficialMessageSchema,
  type OfficialSchemas,
  ocppVersions,
  repoRoot,
} from '../src/ocpp/official-schemas'

/** A file the generator writes, its path relative to the repository root. */
export interface GeneratedFile {
  path: string
  content: string
}

/** The folder each version's generated modules live in. */
export const generatedDirs: Record<OcppVersion, string> = {
  '1.6': 'src/ocpp/v16/generated',
  '2.0.1': 'src/ocpp/v201/generated',
  '2.1': 'src/ocpp/v21/generated',
}

type Node =
  | { kind: 'ref'; name: string; target?: Node }
  | { kind: 'string'; minLength?: number; maxLength?: number; format?: 'date-time' | 'uri' }
  | { kind: 'enum'; values: string[] }
  | { kind: 'integer' | 'number'; minimum?: number; maximum?: number; multipleOf?: number }
  | { kind: 'boolean' }
  | { kind: 'json' }
  | { kind: 'array'; items: Node; minItems?: number; maxItems?: number }
  | { kind: 'object'; properties: Prop[]; strict: boolean }
type Ref = Extract<Node, { kind: 'ref' }>
interface Prop {
  name: string
  node: Node
  required: boolean
  doc?: string
}
interface Decl {
  name: string
  node: Node
  doc?: string
}
interface Message extends Decl {
  action: string
  kind: 'request' | 'response'
}
interface Hoist {
  candidate: string
  owner: { name: string }
  ref: Ref
  doc?: string
}
interface Version {
  version: OcppVersion
  decls: Decl[]
  messages: Message[]
}

const annotations = new Set(['$schema', '$id', 'title', 'description', 'javaType', 'comment', 'default'])
const allowed: Record<string, string[]> = {
  string: ['enum', 'minLength', 'maxLength', 'format'],
  integer: ['minimum', 'maximum', 'multipleOf'],
  number: ['minimum', 'maximum', 'multipleOf'],
  boolean: [],
  array: ['items', 'minItems', 'maxItems', 'additionalItems'],
  object: ['properties', 'required', 'additionalProperties', 'definitions'],
}
const apiNames = ['Action', 'RequestMap', 'ResponseMap']

/** Turns one version's official schemas into named declarations and messages. */
function parseVersion(version: OcppVersion, files: readonly OfficialMessageSchema[]): Version {
  const defs = new Map<string, Decl>()
  const hoists: Hoist[] = []
  const fail = (path: string, why: string): never => {
    throw new Error(`OCPP ${version} ${path}: ${why}`)
  }

  function parse(s: JsonSchema, path: string, owner: { name: string }, candidate?: string): Node {
    if (typeof s.$ref === 'string') {
      const extra = Object.keys(s).filter((k) => k !== '$ref' && !annotations.has(k))
      if (extra.length > 0) fail(path, `keywords beside $ref: ${extra.join(', ')}`)
      return { kind: 'ref', name: s.$ref.replace(/^#\/definitions\//, '') }
    }
    const type = s.type
    if (type === undefined && Object.keys(s).every((k) => annotations.has(k))) return { kind: 'json' }
    if (typeof type !== 'string' || !allowed[type])
      return fail(path, `unsupported type ${JSON.stringify(type)}`)
    for (const k of Object.keys(s)) {
      const ok =
        annotations.has(k) || k === 'type' || allowed[type]?.includes(k) || k === 'additionalProperties'
      if (!ok) fail(path, `unsupported keyword ${k} for type ${type}`)
    }
    const isInline = candidate !== undefined && (type === 'object' || Array.isArray(s.enum))
    if (!isInline) return parseInner(s, type, path, owner, candidate ?? 'Item')
    const ref: Ref = { kind: 'ref', name: '' }
    hoists.push({ candidate, owner, ref, ...doc(s) })
    ref.target = parseInner(s, type, path, ref, candidate)
    return ref
  }

  function parseInner(
    s: JsonSchema,
    type: string,
    path: string,
    owner: { name: string },
    candidate: string,
  ): Node {
    const num = (k: string) => (typeof s[k] === 'number' ? { [k]: s[k] as number } : {})
    if (type === 'string' && s.enum !== undefined) {
      const values = s.enum
      if (!Array.isArray(values) || !values.every((v) => typeof v === 'string')) fail(path, 'non-string enum')
      if (Object.keys(s).some((k) => allowed.string?.includes(k) && k !== 'enum'))
        fail(path, 'enum with limits')
      return { kind: 'enum', values: [...new Set(values as string[])] }
    }
    if (type === 'string') {
      const format = s.format
      if (format !== undefined && format !== 'date-time' && format !== 'uri')
        return fail(path, `format ${format}`)
      return { kind: 'string', ...num('minLength'), ...num('maxLength'), ...(format ? { format } : {}) }
    }
    if (type === 'integer' || type === 'number') {
      return { kind: type, ...num('minimum'), ...num('maximum'), ...num('multipleOf') }
    }
    if (type === 'boolean') return { kind: 'boolean' }
    if (type === 'array') {
      const items = s.items
      if (typeof items !== 'object' || items === null || Array.isArray(items))
        return fail(path, 'tuple items')
      const item = parse(items as JsonSchema, `${path}/items`, owner, candidate)
      return { kind: 'array', items: item, ...num('minItems'), ...num('maxItems') }
    }
    const additional = s.additionalProperties
    if (additional !== undefined && typeof additional !== 'boolean') fail(path, 'additionalProperties schema')
    const required = new Set((s.required as string[] | undefined) ?? [])
    const props = Object.entries((s.properties as Record<string, JsonSchema> | undefined) ?? {})
    for (const name of required)
      if (!props.some(([p]) => p === name)) fail(path, `required ${name} undeclared`)
    const properties = props
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([name, p]) => {
        const node = parse(p, `${path}/${name}`, owner, pascal(name))
        if (node.kind === 'json' && required.has(name)) fail(path, `required ${name} may be any JSON`)
        return { name, node, required: required.has(name), ...doc(p) }
      })
    return { kind: 'object', properties, strict: additional === false }
  }

  function addDefinitions(s: JsonSchema, file: string): void {
    const definitions = (s.definitions as Record<string, JsonSchema> | undefined) ?? {}
    for (const name of Object.keys(definitions).sort()) {
      const d = definitions[name] as JsonSchema
      const node = parse(d, `${file}#/definitions/${name}`, { name })
      const known = defs.get(name)
      if (known && keyOf(known.node) !== keyOf(node))
        fail(file, `definition ${name} differs from an earlier file`)
      if (!known) defs.set(name, { name, node, ...doc(d) })
    }
  }

  const messages: Message[] = files.map((f) => {
    const name = `${f.action}${f.kind === 'request' ? 'Request' : 'Response'}`
    addDefinitions(f.schema, name)
    const node = parse(f.schema, name, { name })
    if (node.kind !== 'object') fail(name, 'message payload is not an object')
    return { action: f.action, kind: f.kind, name, node }
  })
  const decls = [...defs.values(), ...nameHoists(hoists, defs, messages, fail)]
  const declared = new Set(decls.map((d) => d.name))
  for (const d of [...decls, ...messages]) {
    for (const r of refsOf(d.node)) if (!declared.has(r)) fail(d.name, `unresolved $ref ${r}`)
  }
  return { version, decls, messages }
}

/**
 * Names inline objects and enums (1.6 has no `definitions`): by the property's name when every use has
 * the same structure, else prefixed by the enclosing type's name (`BootNotificationResponseStatus`).
 * Identical structures share one name.
 */
function nameHoists(
  hoists: Hoist[],
  defs: Map<string, Decl>,
  messages: Message[],
  fail: (path: string, why: string) => never,
): Decl[] {
  const keysByCandidate = new Map<string, Set<string>>()
  for (const h of hoists) {
    const keys = keysByCandidate.get(h.candidate) ?? new Set()
    keysByCandidate.set(h.candidate, keys.add(keyOf(h.ref)))
  }
  const used = new Map<string, string>([...apiNames, ...messages.map((m) => m.name)].map((n) => [n, `#${n}`]))
  const nameByKey = new Map<string, string>()
  for (const d of defs.values()) {
    if (used.has(d.name)) fail(d.name, 'a definition has the name of a message or of the generated API')
    used.set(d.name, keyOf(d.node))
    nameByKey.set(keyOf(d.node), d.name)
  }
  const out: Decl[] = []
  for (const h of hoists) {
    const key = keyOf(h.ref)
    const known = nameByKey.get(key)
    if (known) {
      h.ref.name = known
      continue
    }
    const unique = keysByCandidate.get(h.candidate)?.size === 1 && !used.has(h.candidate)
    const name = unique ? h.candidate : `${h.owner.name}${h.candidate}`
    if (used.has(name)) fail(name, 'two different inline types would get this name')
    h.ref.name = name
    used.set(name, key)
    nameByKey.set(key, name)
    out.push({ name, node: h.ref.target as Node, ...(h.doc ? { doc: h.doc } : {}) })
  }
  return out
}

function doc(s: JsonSchema): { doc?: string } {
  return typeof s.description === 'string' && s.description.trim() ? { doc: s.description } : {}
}

function pascal(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1)
}

/** A canonical text of a node's structure: inline types by content, definitions by name. */
function keyOf(node: Node): string {
  return canonical(node, (ref) => (ref.target ? JSON.parse(keyOf(ref.target)) : { ref: ref.name }))
}

function canonical(node: Node, onRef: (ref: Ref) => unknown): string {
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk)
    if (typeof value !== 'object' || value === null) return value
    if ((value as Node).kind === 'ref') return onRef(value as Ref)
    const entries = Object.entries(value).filter(([k]) => k !== 'doc')
    return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, walk(v)]))
  }
  return JSON.stringify(walk(node))
}

function refsOf(node: Node): string[] {
  if (node.kind === 'ref') return [node.name]
  if (node.kind === 'array') return refsOf(node.items)
  if (node.kind === 'object') return node.properties.flatMap((p) => refsOf(p.node))
  return []
}

/** A short hash of a message's full structure (references inlined), to tell schema copies apart. */
function fingerprint(node: Node, decls: Map<string, Decl>): string {
  const resolve = (ref: Ref): unknown => JSON.parse(canonical(decls.get(ref.name)?.node as Node, resolve))
  return createHash('sha256').update(canonical(node, resolve)).digest('hex').slice(0, 16)
}

type Layout = 'directory' | 'ocpp-rpc'

function emitVersion(v: Version, layout: Layout): GeneratedFile[] {
  const top = header(v.version, layout)
  return [
    { path: 'runtime.ts', content: top + runtimeSource },
    { path: 'types.ts', content: top + emitTypes(v) },
    { path: 'schemas.ts', content: top + emitSchemas(v) },
    { path: 'messages.ts', content: top + emitMessages(v) },
    { path: 'provenance.ts', content: top + emitProvenance(v, layout) },
  ]
}

function header(version: OcppVersion, layout: Layout): string {
  const from =
    layout === 'directory' ? 'schema files (OCPP_SCHEMAS_DIR or ../shared/ocpp-schemas)' : 'ocpp-rpc'
  return [
    `// Generated by scripts/gen-ocpp-schemas.ts from the official OCPP ${version} JSON schemas.`,
    `// Source: ${from}. Do not edit by hand: run \`npm run gen:ocpp\` to regenerate.`,
    '',
    '',
  ].join('\n')
}

function messageDoc(version: OcppVersion, m: Message, hasResponse: boolean): string {
  if (!hasResponse) return `OCPP ${version} ${m.action} payload: a SEND message, which has no response.`
  return `OCPP ${version} ${m.action} ${m.kind} payload (${m.kind === 'request' ? 'CALL' : 'CALLRESULT'}).`
}

function emitTypes(v: Version): string {
  const responses = new Set(v.messages.filter((m) => m.kind === 'response').map((m) => m.action))
  const out = [...byName(v.decls)].map((d) => jsdoc(d.doc ?? `OCPP ${v.version} ${d.name}.`) + declareType(d))
  for (const m of v.messages)
    out.push(jsdoc(messageDoc(v.version, m, responses.has(m.action))) + declareType(m))
  const map = (kind: Message['kind']) =>
    v.messages
      .filter((m) => m.kind === kind)
      .map((m) => `  ${m.action}: ${m.name}\n`)
      .join('')
  out.push(
    `/** The request payload type of each action. */\nexport interface RequestMap {\n${map('request')}}\n`,
  )
  out.push(
    `/** The response payload type of each action that has one. */\nexport interface ResponseMap {\n${map('response')}}\n`,
  )
  out.push(
    `/** The name of an OCPP ${v.version} action, e.g. \`'BootNotification'\`. */\nexport type Action = keyof RequestMap\n`,
  )
  return out.join('\n')
}

function declareType(d: Decl): string {
  const node = d.node
  if (node.kind === 'enum')
    return `export type ${d.name} =\n${node.values.map((x) => `  | ${quote(x)}`).join('\n')}\n`
  if (node.kind !== 'object') return `export type ${d.name} = ${tsType(node)}\n`
  if (node.properties.length === 0 && node.strict) return `export type ${d.name} = Record<string, never>\n`
  const props = node.properties.map(
    (p) => `${jsdoc(p.doc, '  ')}  ${propKey(p.name)}${p.required ? '' : '?'}: ${tsType(p.node)}\n`,
  )
  return `export interface ${d.name} {\n${props.join('')}${node.strict ? '' : '  [key: string]: unknown\n'}}\n`
}

function tsType(node: Node): string {
  switch (node.kind) {
    case 'ref':
      return node.name
    case 'enum':
      return node.values.map(quote).join(' | ')
    case 'integer':
    case 'number':
      return 'number'
    case 'json':
      return 'unknown'
    case 'array': {
      const item = tsType(node.items)
      return /^\w+$/.test(item) ? `${item}[]` : `Array<${item}>`
    }
    case 'object':
      throw new Error('inline object types are always named')
    default:
      return node.kind
  }
}

function emitSchemas(v: Version): string {
  const all = [...v.decls, ...v.messages]
  const usesText = all.some((d) => JSON.stringify(d.node).includes('"kind":"string"'))
  const lines = [
    "import { z } from 'zod'",
    `import { ${usesText ? 'text, typed' : 'typed'} } from './runtime'`,
  ]
  lines.push("import type * as T from './types'", '')
  for (const d of [...inDependencyOrder(v.decls), ...v.messages]) {
    const expr = zodExpr(d.node, '')
    lines.push(`/** The zod schema of {@link T.${d.name}}. */`)
    lines.push(
      `export const ${d.name}Schema = ${d.node.kind === 'enum' ? expr : `typed<T.${d.name}>(${expr})`}`,
      '',
    )
  }
  return lines.join('\n')
}

function zodExpr(node: Node, indent: string): string {
  const limits = (pairs: [string, number | undefined][]) =>
    pairs.map(([method, n]) => (n === undefined ? '' : `.${method}(${n})`)).join('')
  switch (node.kind) {
    case 'ref':
      return `${node.name}Schema`
    case 'boolean':
      return 'z.boolean()'
    case 'json':
      return 'z.unknown()'
    case 'enum':
      return `z.enum([${node.values.map(quote).join(', ')}])`
    case 'string': {
      const { kind: _, ...rules } = node
      if (Object.keys(rules).length === 0) return 'z.string()'
      const fields = Object.entries(rules).map(([k, x]) => `${k}: ${typeof x === 'string' ? quote(x) : x}`)
      return `text({ ${fields.join(', ')} })`
    }
    case 'integer':
    case 'number': {
      const base = node.kind === 'integer' ? 'z.number().int()' : 'z.number()'
      const { minimum, maximum, multipleOf } = node
      return (
        base +
        limits([
          ['min', minimum],
          ['max', maximum],
          ['multipleOf', multipleOf],
        ])
      )
    }
    case 'array':
      return `z.array(${zodExpr(node.items, indent)})${limits([
        ['min', node.minItems],
        ['max', node.maxItems],
      ])}`
    case 'object': {
      const fn = node.strict ? 'z.strictObject' : 'z.looseObject'
      if (node.properties.length === 0) return `${fn}({})`
      const inner = `${indent}  `
      const fields = node.properties.map(
        (p) => `${inner}${propKey(p.name)}: ${zodExpr(p.node, inner)}${p.required ? '' : '.optional()'},\n`,
      )
      return `${fn}({\n${fields.join('')}${indent}})`
    }
  }
}

function emitMessages(v: Version): string {
  const record = (kind: Message['kind']) =>
    v.messages
      .filter((m) => m.kind === kind)
      .map((m) => `  ${m.action}: S.${m.name}Schema,\n`)
      .join('')
  const actions = v.messages.filter((m) => m.kind === 'request').map((m) => `  ${quote(m.action)},\n`)
  return [
    "import type { z } from 'zod'",
    "import * as S from './schemas'",
    "import type { Action, RequestMap, ResponseMap } from './types'",
    '',
    "export * from './schemas'",
    "export type * from './types'",
    '',
    `/** Every OCPP ${v.version} action, sorted. */`,
    `export const actions: readonly Action[] = [\n${actions.join('')}]`,
    '',
    "/** The zod schema of each action's request payload, e.g. `requestSchemas.BootNotification`. */",
    `export const requestSchemas: { readonly [A in Action]: z.ZodType<RequestMap[A]> } = {\n${record('request')}}`,
    '',
    "/** The zod schema of each action's response payload (SEND messages have none). */",
    'export const responseSchemas: { readonly [A in keyof ResponseMap]: z.ZodType<ResponseMap[A]> } = {',
    `${record('response')}}`,
    '',
  ].join('\n')
}

function emitProvenance(v: Version, layout: Layout): string {
  const prints = Object.entries(fingerprints(v)).map(([key, print]) => `    '${key}': '${print}',\n`)
  return [
    '/**',
    ' * What these modules were generated from: the kind of schema copy, and per message a hash of its',
    ' * structure (annotations ignored), so a test can tell a stale file from a differing copy of a schema.',
    ' */',
    "export const provenance: { readonly source: 'directory' | 'ocpp-rpc'; readonly fingerprints: Readonly<Record<string, string>> } = {",
    `  source: '${layout}',`,
    `  fingerprints: {\n${prints.join('')}  },`,
    '}',
    '',
  ].join('\n')
}

function inDependencyOrder(decls: Decl[]): Decl[] {
  const byKey = new Map(decls.map((d) => [d.name, d]))
  const state = new Map<string, 'visiting' | 'done'>()
  const out: Decl[] = []
  const visit = (d: Decl) => {
    if (state.get(d.name) === 'done') return
    if (state.get(d.name) === 'visiting') throw new Error(`recursive type ${d.name} is not supported`)
    state.set(d.name, 'visiting')
    for (const r of [...new Set(refsOf(d.node))].sort()) visit(byKey.get(r) as Decl)
    state.set(d.name, 'done')
    out.push(d)
  }
  for (const d of byName(decls)) visit(d)
  return out
}

function byName<T extends { name: string }>(list: T[]): T[] {
  return [...list].sort((a, b) => (a.name < b.name ? -1 : 1))
}

function jsdoc(text: string | undefined, indent = ''): string {
  if (!text) return ''
  const lines = text.replace(/\r\n?/g, '\n').trim().replaceAll('*/', '*\\/').split('\n')
  if (lines.length === 1) return `${indent}/** ${lines[0]} */\n`
  const body = lines.map((l) => `${indent} *${l.trimEnd() ? ` ${l.trimEnd()}` : ''}\n`).join('')
  return `${indent}/**\n${body}${indent} */\n`
}

function quote(value: string): string {
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`
}

function propKey(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : quote(name)
}

/** The helpers the generated schemas import; the same for every version. */
const runtimeSource = String.raw`import { z } from 'zod'

/**
 * Gives a schema the declared type z.ZodType<T> after checking that its output fits T. Checking only the
 * output keeps tsc fast: comparing a whole ZodObject with ZodType<T> costs thousands of instantiations.
 *
 * @example export const IdTagInfoSchema = typed<IdTagInfo>(z.strictObject({ status: z.enum(['Accepted']) }))
 */
export function typed<T>(schema: { readonly _zod: { readonly output: T } }): z.ZodType<T> {
  return schema as unknown as z.ZodType<T>
}

/** The limits and format of a string, as an official OCPP JSON schema states them. */
export interface TextRules {
  minLength?: number
  maxLength?: number
  format?: 'date-time' | 'uri'
}

/**
 * A string checked the way JSON Schema (ajv with ajv-formats) checks it, so that zod and the official
 * schemas agree: lengths count Unicode code points, not UTF-16 units (an emoji has length 2 in JavaScript
 * but 1 in JSON Schema); 'date-time' is RFC 3339 with a time zone; 'uri' is an absolute URI. Never coerces.
 *
 * @example
 * text({ maxLength: 20 }).safeParse('CP-0001').success // true
 * text({ format: 'date-time' }).safeParse('2024-05-01T12:00:00').success // false: no time zone
 */
export function text(rules: TextRules): z.ZodString {
  const { minLength, maxLength, format } = rules
  return z.string().check((ctx) => {
    const input = ctx.value
    if (maxLength !== undefined && input.length > maxLength && codePoints(input) > maxLength) {
      ctx.issues.push({ code: 'too_big', origin: 'string', maximum: maxLength, inclusive: true, input })
    }
    if (minLength !== undefined && input.length < 2 * minLength && codePoints(input) < minLength) {
      ctx.issues.push({ code: 'too_small', origin: 'string', minimum: minLength, inclusive: true, input })
    }
    if (format === 'date-time' && !isDateTime(input)) {
      const message = 'Invalid date-time: expected RFC 3339 with a time zone, e.g. 2024-05-01T12:00:00Z'
      ctx.issues.push({ code: 'invalid_format', format: 'datetime', input, message })
    }
    if (format === 'uri' && !isUri(input)) {
      ctx.issues.push({ code: 'invalid_format', format: 'uri', input, message: 'Invalid URI: expected an absolute URI' })
    }
  })
}

/** The length of a string in code points, counted as ajv's ucs2length does (a lone surrogate counts 1). */
export function codePoints(value: string): number {
  let length = 0
  for (let i = 0; i < value.length; i++, length++) {
    const unit = value.charCodeAt(i)
    if (unit >= 0xd800 && unit <= 0xdbff && (value.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++
  }
  return length
}

const DATE = /^(\d\d\d\d)-(\d\d)-(\d\d)$/
const TIME = /^(\d\d):(\d\d):(\d\d(?:\.\d+)?)(z|([+-])(\d\d)(?::?(\d\d))?)?$/i
const DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

/**
 * RFC 3339 'date-time' exactly as ajv-formats (full mode, MIT licence) checks it: a time zone is required,
 * 'T' or a space separates date and time (either case), offsets may be +01, +0100 or +01:00, and a leap
 * second (23:59:60 UTC) is allowed.
 */
export function isDateTime(value: string): boolean {
  const parts = value.split(/t|\s/i)
  return parts.length === 2 && isDate(parts[0] ?? '') && isTime(parts[1] ?? '')
}

function isDate(value: string): boolean {
  const m = DATE.exec(value)
  if (!m) return false
  const year = Number(m[1])
  const month = Number(m[2])
  const day = Number(m[3])
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
  return month >= 1 && month <= 12 && day >= 1 && day <= (month === 2 && leap ? 29 : (DAYS[month] ?? 0))
}

function isTime(value: string): boolean {
  const m = TIME.exec(value)
  if (!m) return false
  const [hr, min, sec] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const sign = m[5] === '-' ? -1 : 1
  const tzH = Number(m[6] ?? 0)
  const tzM = Number(m[7] ?? 0)
  if (tzH > 23 || tzM > 59 || !m[4]) return false
  if (hr <= 23 && min <= 59 && sec < 60) return true
  const utcMin = min - tzM * sign
  const utcHr = hr - tzH * sign - (utcMin < 0 ? 1 : 0)
  return (utcHr === 23 || utcHr === -1) && (utcMin === 59 || utcMin === -1) && sec < 61
}

const NOT_URI_FRAGMENT = /\/|:/
const URI = /^(?:[a-z][a-z0-9+\-.]*:)(?:\/?\/(?:(?:[a-z0-9\-._~!$&'()*+,;=:]|%[0-9a-f]{2})*@)?(?:\[(?:(?:(?:(?:[0-9a-f]{1,4}:){6}|::(?:[0-9a-f]{1,4}:){5}|(?:[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){4}|(?:(?:[0-9a-f]{1,4}:){0,1}[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){3}|(?:(?:[0-9a-f]{1,4}:){0,2}[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){2}|(?:(?:[0-9a-f]{1,4}:){0,3}[0-9a-f]{1,4})?::[0-9a-f]{1,4}:|(?:(?:[0-9a-f]{1,4}:){0,4}[0-9a-f]{1,4})?::)(?:[0-9a-f]{1,4}:[0-9a-f]{1,4}|(?:(?:25[0-5]|2[0-4]\d|[01]?\d\d?)\.){3}(?:25[0-5]|2[0-4]\d|[01]?\d\d?))|(?:(?:[0-9a-f]{1,4}:){0,5}[0-9a-f]{1,4})?::[0-9a-f]{1,4}|(?:(?:[0-9a-f]{1,4}:){0,6}[0-9a-f]{1,4})?::)|[Vv][0-9a-f]+\.[a-z0-9\-._~!$&'()*+,;=:]+)\]|(?:(?:25[0-5]|2[0-4]\d|[01]?\d\d?)\.){3}(?:25[0-5]|2[0-4]\d|[01]?\d\d?)|(?:[a-z0-9\-._~!$&'()*+,;=]|%[0-9a-f]{2})*)(?::\d*)?(?:\/(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})*)*|\/(?:(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})+(?:\/(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})*)*)?|(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})+(?:\/(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})*)*)(?:\?(?:[a-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9a-f]{2})*)?(?:#(?:[a-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9a-f]{2})*)?$/i

/** An absolute URI exactly as ajv-formats' 'uri' format (full mode) checks it. */
export function isUri(value: string): boolean {
  return NOT_URI_FRAGMENT.test(value) && URI.test(value)
}
`

function fingerprints(v: Version): Record<string, string> {
  const decls = new Map(v.decls.map((d) => [d.name, d]))
  return Object.fromEntries(v.messages.map((m) => [`${m.action} ${m.kind}`, fingerprint(m.node, decls)]))
}

/**
 * Per message (`'BootNotification request'`), a hash of its structure with annotations ignored: equal
 * hashes mean zod generated from one copy of the schemas is right for the other copy too.
 */
export function messageFingerprints(official: OfficialSchemas, version: OcppVersion): Record<string, string> {
  return fingerprints(parseVersion(version, official.messages[version]))
}

/** Generates every file in memory; the up-to-date test compares this with what is on disk. */
export function generateOcppModules(official: OfficialSchemas): GeneratedFile[] {
  const layout = official.source.kind === 'ocpp-rpc' ? 'ocpp-rpc' : 'directory'
  return ocppVersions.flatMap((version) => {
    const parsed = parseVersion(version, official.messages[version])
    return emitVersion(parsed, layout).map((f) => ({ ...f, path: join(generatedDirs[version], f.path) }))
  })
}

if (import.meta.main) {
  const official = loadOfficialSchemas()
  if (!official) {
    console.error(
      'No official OCPP schemas: set OCPP_SCHEMAS_DIR, add ../shared/ocpp-schemas or npm install.',
    )
    process.exit(1)
  }
  for (const file of generateOcppModules(official)) {
    mkdirSync(dirname(join(repoRoot, file.path)), { recursive: true })
    writeFileSync(join(repoRoot, file.path), file.content)
  }
  console.log(`Generated OCPP modules from ${official.source.kind} (${official.source.location}).`)
}
