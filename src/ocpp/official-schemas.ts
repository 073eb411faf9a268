import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import Ajv, { type ValidateFunction } from 'ajv'
import addFormats from 'ajv-formats'

/**
 * The official OCPP JSON schemas as a conformance oracle, for tests and tooling only (it needs ajv, a
 * devDependency). Production code validates with the generated zod schemas (src/ocpp/v16, v201, v21).
 */

/** The OCPP versions whose official schemas we know, oldest first. */
export const ocppVersions = ['1.6', '2.0.1', '2.1'] as const
/** One of {@link ocppVersions}. */
export type OcppVersion = (typeof ocppVersions)[number]
/** A CALL payload is a `request`, its CALLRESULT payload a `response`. */
export type MessageKind = 'request' | 'response'
/** A JSON schema as read from disk: plain JSON, not interpreted here. */
export type JsonSchema = { readonly [keyword: string]: unknown }
/** What the oracle says about a payload; `errors` is ajv's text, for a person to read. */
export type ValidationResult = { ok: true } | { ok: false; errors: string }

/** One official schema file: the payload of one direction of one action. */
export interface OfficialMessageSchema {
  action: string
  kind: MessageKind
  schema: JsonSchema
}

/**
 * Where the schemas were found: `env` is `OCPP_SCHEMAS_DIR`, `shared` the default `../shared/ocpp-schemas`
 * (both one folder per version, one file per message), `ocpp-rpc` the copy inside that npm package.
 */
export interface SchemaSource {
  kind: 'env' | 'shared' | 'ocpp-rpc'
  location: string
}

/** The official schemas of every version, with a lazily compiled ajv validator per message. */
export interface OfficialSchemas {
  source: SchemaSource
  /** Per version, every message sorted by action, the request before the response (SEND messages have none). */
  messages: Readonly<Record<OcppVersion, readonly OfficialMessageSchema[]>>
  /** The raw schema of one message, or `undefined` if the version has no such action. */
  schema(version: OcppVersion, action: string, kind: MessageKind): JsonSchema | undefined
  /** Validates a payload against the official schema; throws if the action is unknown (a caller's bug). */
  validate(version: OcppVersion, action: string, kind: MessageKind, payload: unknown): ValidationResult
}

/** The repository root (two levels above this file). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..')

/** Where {@link loadOfficialSchemas} looks: the environment and which sources to try, in order. */
export interface LoadOptions {
  env?: Record<string, string | undefined>
  sources?: readonly SchemaSource['kind'][]
}

/**
 * Finds the official schemas: the folder named by `OCPP_SCHEMAS_DIR` (resolved against the working
 * directory; it must exist when set), else `../shared/ocpp-schemas` beside the repository, else the copy
 * shipped by the `ocpp-rpc` package. Returns `undefined` when none is there: tests take them from
 * `./oracle`, which then skips them loudly, or fails them with `CI=true` (src/testing/require-tool.ts).
 *
 * @example
 * const official = loadOfficialSchemas()
 * official?.validate('1.6', 'Heartbeat', 'request', {}) // { ok: true }
 * loadOfficialSchemas({ sources: ['ocpp-rpc'] }) // only the npm package's copy
 */
export function loadOfficialSchemas(options: LoadOptions = {}): OfficialSchemas | undefined {
  const { env = process.env, sources = ['env', 'shared', 'ocpp-rpc'] } = options
  for (const kind of sources) {
    const found = findSource(kind, env)
    if (found) return withValidators(found.source, found.read())
  }
  return undefined
}

function findSource(kind: SchemaSource['kind'], env: Record<string, string | undefined>) {
  const at = (location: string, read: () => MessagesByVersion) => ({ source: { kind, location }, read })
  if (kind === 'env') {
    if (!env.OCPP_SCHEMAS_DIR) return undefined
    const dir = resolve(env.OCPP_SCHEMAS_DIR)
    if (!hasVersionFolders(dir)) {
      throw new Error(
        `OCPP_SCHEMAS_DIR=${env.OCPP_SCHEMAS_DIR}: expected folders ${ocppVersions.join(', ')} in ${dir}`,
      )
    }
    return at(dir, () => readDirectory(dir))
  }
  if (kind === 'shared') {
    const dir = resolve(repoRoot, '../shared/ocpp-schemas')
    return hasVersionFolders(dir) ? at(dir, () => readDirectory(dir)) : undefined
  }
  const rpc = ocppRpcSchemaDir()
  return rpc ? at(rpc, () => readOcppRpc(rpc)) : undefined
}

type MessagesByVersion = Record<OcppVersion, OfficialMessageSchema[]>

function hasVersionFolders(dir: string): boolean {
  return ocppVersions.every((v) => existsSync(join(dir, v)))
}

/**
 * Reads `<dir>/<version>/<Name>.json`. 1.6 names a request `Authorize`, 2.x `AuthorizeRequest`; a 2.1 SEND
 * message (`NotifyPeriodicEventStream`) has no suffix and no response, and counts as a request.
 */
function readDirectory(dir: string): MessagesByVersion {
  const out = emptyMessages()
  for (const version of ocppVersions) {
    for (const file of readdirSync(join(dir, version)).filter((f) => f.endsWith('.json'))) {
      const schema = JSON.parse(readFileSync(join(dir, version, file), 'utf8')) as JsonSchema
      out[version].push({ ...nameFromFile(version, file.slice(0, -'.json'.length)), schema })
    }
  }
  return sortMessages(out)
}

function nameFromFile(version: OcppVersion, name: string): { action: string; kind: MessageKind } {
  if (name.endsWith('Response')) return { action: name.slice(0, -'Response'.length), kind: 'response' }
  if (version !== '1.6' && name.endsWith('Request'))
    return { action: name.slice(0, -'Request'.length), kind: 'request' }
  return { action: name, kind: 'request' }
}

const rpcFiles: Record<OcppVersion, string> = { '1.6': 'ocpp1_6', '2.0.1': 'ocpp2_0_1', '2.1': 'ocpp2_1' }

function ocppRpcSchemaDir(): string | undefined {
  try {
    const main = createRequire(import.meta.url).resolve('ocpp-rpc')
    const dir = join(dirname(main), 'lib', 'schemas')
    return ocppVersions.every((v) => existsSync(join(dir, `${rpcFiles[v]}.json`))) ? dir : undefined
  } catch {
    return undefined // not installed: a normal outcome, the caller reports "no schemas"
  }
}

/** Reads ocpp-rpc's arrays; `$id` is `urn:Authorize.req`/`.conf` (1.6, 2.0.1) or `urn:AuthorizeRequest` (2.1). */
function readOcppRpc(dir: string): MessagesByVersion {
  const out = emptyMessages()
  for (const version of ocppVersions) {
    const list = JSON.parse(readFileSync(join(dir, `${rpcFiles[version]}.json`), 'utf8')) as JsonSchema[]
    for (const schema of list) {
      const id = String(schema.$id).replace(/^urn:/, '')
      const kind: MessageKind = /(\.conf|Response)$/.test(id) ? 'response' : 'request'
      out[version].push({ action: id.replace(/(\.req|\.conf|Request|Response)$/, ''), kind, schema })
    }
  }
  return sortMessages(out)
}

function emptyMessages(): MessagesByVersion {
  return { '1.6': [], '2.0.1': [], '2.1': [] }
}

function sortMessages(messages: MessagesByVersion): MessagesByVersion {
  for (const version of ocppVersions) {
    const list = messages[version]
    list.sort((a, b) => (a.action === b.action ? a.kind.localeCompare(b.kind) : a.action < b.action ? -1 : 1))
    for (const m of list) {
      const kinds = list.filter((o) => o.action === m.action).map((o) => o.kind)
      if (kinds[0] !== 'request' || kinds.length > 2 || kinds[1] === 'request') {
        throw new Error(`OCPP ${version} ${m.action}: expected one request and at most one response`)
      }
    }
  }
  return messages
}

function withValidators(source: SchemaSource, messages: MessagesByVersion): OfficialSchemas {
  const ajv = createAjv()
  const compiled = new Map<string, ValidateFunction>()
  const schema = (version: OcppVersion, action: string, kind: MessageKind) =>
    messages[version].find((m) => m.action === action && m.kind === kind)?.schema
  return {
    source,
    messages,
    schema,
    validate(version, action, kind, payload) {
      const key = `${version} ${action} ${kind}`
      let validator = compiled.get(key)
      if (!validator) {
        const raw = schema(version, action, kind)
        if (!raw) throw new Error(`no official OCPP ${key} schema`)
        validator = ajv.compile(forAjv(raw))
        compiled.set(key, validator)
      }
      return validator(payload) ? { ok: true } : { ok: false, errors: ajv.errorsText(validator.errors) }
    },
  }
}

/**
 * ajv with the official formats. `multipleOfPrecision` makes `multipleOf: 0.1` accept 7.4 (plain
 * floating-point `%` does not), as ocpp-rpc also does; `strict: false` because the files carry
 * non-standard keywords (`javaType`, `comment`) and `additionalProperties` on strings.
 */
function createAjv(): Ajv {
  const ajv = new Ajv({ strict: false, multipleOfPrecision: 6 })
  addFormats(ajv)
  return ajv
}

/**
 * The 1.6 core files say draft-04, the 1.6 security extension and 2.x files draft-06. They use only
 * keywords whose meaning is the same in drafts 04 to 07, so `$schema` is dropped and ajv's default
 * (draft-07) engine runs them; `$id` is dropped so the same id in two versions does not clash. A
 * draft-04-only construct makes this throw.
 */
function forAjv(schema: JsonSchema): JsonSchema {
  const { $schema: _draft, $id: _id, ...rest } = schema
  assertNoDraft04Only(rest, '#')
  return rest
}

function assertNoDraft04Only(node: unknown, path: string): void {
  if (typeof node !== 'object' || node === null) return
  for (const [key, value] of Object.entries(node)) {
    const isDraft04Only =
      key === 'id' ||
      ((key === 'exclusiveMinimum' || key === 'exclusiveMaximum') && typeof value === 'boolean')
    if (isDraft04Only) throw new Error(`draft-04-only keyword ${key} at ${path}: use a draft-04 validator`)
    const isNameMap = key === 'properties' || key === 'definitions'
    for (const [child, sub] of Object.entries(isNameMap && value && typeof value === 'object' ? value : {})) {
      assertNoDraft04Only(sub, `${path}/${key}/${child}`)
    }
    if (!isNameMap && typeof value === 'object') assertNoDraft04Only(value, `${path}/${key}`)
  }
}
