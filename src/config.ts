import { existsSync } from 'node:fs'
import { hostname } from 'node:os'
import { z } from 'zod'
import { ConfigError } from './lib/errors'

const port = z.coerce.number().int().min(0).max(65535)
const positiveInt = z.coerce.number().int().positive()

/** The environment variables the node reads, with defaults. */
const envSchema = z.object({
  PORT: port.default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(
      /^(file:|libsql:\/\/|https?:\/\/|wss?:\/\/)/,
      'must start with file:, libsql://, http(s):// or ws(s)://',
    )
    .default('file:./data/csms.db'),
  DATABASE_AUTH_TOKEN: z.string().min(1).optional(),
  NATS_URL: z.string().min(1).optional(),
  NODE_ID: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, _ and - only')
    .optional(),
  CSMS_API_KEY: z.string().min(16, 'must be at least 16 characters').optional(),
  CSMS_PUBLIC_URL: z.url('must be a URL like https://csms.example.com').optional(),
  CSMS_TLS_CERT: z.string().min(1).optional(),
  CSMS_TLS_KEY: z.string().min(1).optional(),
  CSMS_ADMIN_EMAIL: z.email('must be an email address').default('admin@localhost.localdomain'),
  CSMS_ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  CSMS_UNKNOWN_CHARGERS: z.enum(['accept', 'reject']).default('reject'),
  CSMS_HEARTBEAT_INTERVAL_S: positiveInt.max(86_400).default(300),
  CSMS_OCPP_CALL_TIMEOUT_MS: positiveInt.max(600_000).default(30_000),
  CSMS_OCPP_MAX_FRAME_BYTES: positiveInt
    .min(4096)
    .max(16 * 1024 * 1024)
    .default(256 * 1024),
  CSMS_AUTH_MAX_FAILURES: positiveInt.max(1000).default(5),
  CSMS_AUTH_LOCKOUT_S: positiveInt.max(86_400).default(300),
  CSMS_DB_FLUSH_MS: z.coerce.number().min(0).max(1000).default(2),
  CSMS_OCPP_BOOT_TIMEOUT_S: z.coerce.number().positive().max(3600).default(60),
  CSMS_SSE_KEEPALIVE_S: positiveInt.max(3600).default(15),
  CSMS_SSE_REPLAY_KEYS: positiveInt.max(1_000_000).default(4096),
  CSMS_TRUST_PROXY: z
    .string()
    .regex(/^(true|false|[0-9])$/, 'false, true, or how many proxies stand in front (1-9)')
    .default('false'),
  CSMS_METRICS_KEY: z.string().min(16, 'must be at least 16 characters').optional(),
  CSMS_METRICS_LISTEN: z
    .string()
    .regex(/^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):[0-9]{1,5}$/, 'must be host:port, e.g. 127.0.0.1:9464')
    .refine((v) => Number(v.slice(v.lastIndexOf(':') + 1)) <= 65535, 'the port must be 0-65535')
    .optional(),
  CSMS_LOCAL_LISTS: z.enum(['on', 'off']).default('on'),
  CSMS_LOCAL_LIST_CONCURRENCY: positiveInt.max(10_000).default(50),
  CSMS_LOCAL_LIST_RATE: positiveInt.max(100_000).default(100),
  // caps: sessions stopped at their policy's maximum length
  CSMS_SESSION_CAPS: z.enum(['on', 'off']).default('on'),
  // display: the charger's display keys read after a boot
  CSMS_DISPLAY_KEYS: z.enum(['on', 'off']).default('on'),
  // driver pages: the mail that carries sign-in links
  CSMS_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, 'must be an SMTP URL like smtps://user:password@mail.example.com:465')
    .optional(),
  CSMS_MAIL_FROM: z.string().min(3).max(200).default('CSMS <noreply@localhost.localdomain>'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
})

/** The validated configuration of one node. */
export interface Config {
  port: number
  host: string
  databaseUrl: string
  databaseAuthToken: string | undefined
  natsUrl: string | undefined
  nodeId: string
  apiKey: string | undefined
  /** The address people reach this CSMS at (QR codes on chargers); unset: taken from each request. */
  publicUrl: string | undefined
  /** Security profile 2: PEM certificate (chain) and key files; unset, the node speaks plain HTTP/WS. */
  tls: { certFile: string; keyFile: string } | undefined
  adminEmail: string
  adminPassword: string | undefined
  unknownChargers: 'accept' | 'reject'
  heartbeatIntervalS: number
  ocppCallTimeoutMs: number
  ocppMaxFrameBytes: number
  authMaxFailures: number
  authLockoutS: number
  dbFlushMs: number
  /** A charger that has not booted (and was not accepted at an earlier boot) is closed after this. */
  ocppBootTimeoutS: number
  /** How often a live page's event stream gets a comment while nothing changes (proxies close idle ones). */
  sseKeepaliveS: number
  /** How many changed chargers (and sites) a node remembers for live pages that reconnect. */
  sseReplayKeys: number
  /**
   * How many reverse proxies stand in front of the node (0: none). Only then are `X-Forwarded-For`
   * and `X-Forwarded-Proto` believed, and only the entries those proxies added.
   */
  trustProxyHops: number
  /** Bearer key that `/metrics` requires; unset, `/metrics` is off on the main port. */
  metricsKey: string | undefined
  /** A separate `host:port` that serves only `/metrics` (e.g. on an internal interface). */
  metricsListen: { host: string; port: number } | undefined
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent'
  /**
   * Local lists (`src/services/local-lists.ts`): chargers updated at once and updates started per
   * second (1,000 chargers in about ten seconds by default), changes in one organization within
   * `debounceMs` sent as one, due lists looked for every `sweepMs`. Not `enabled`: the node sends no
   * lists and no offline settings (chargers whose lists another system manages).
   */
  localLists: {
    enabled: boolean
    concurrency: number
    perSecond: number
    debounceMs: number
    sweepMs: number
  }
  /**
   * caps: sessions stopped at their policy's maximum length (`src/services/session-caps.ts`), looked
   * for every `sweepMs` at the latest. Not `enabled`: the node never stops a session for its length.
   */
  /**
   * display: after a boot this node accepted, read the charger's display keys unless known
   * (`actors/session/display-keys.ts`). Off: only an operator's getVariables tells what a display shows.
   */
  displayKeysAtBoot: boolean
  sessionCaps: {
    enabled: boolean
    sweepMs: number
  }
  /**
   * driver pages: how sign-in links are mailed. `smtpUrl` unset: the link is written to the log at
   * info level instead (the embedded default, for a local operator).
   */
  mail: { smtpUrl: string | undefined; from: string }
}

/** TLS needs both files, readable; otherwise the node must not start half-configured. */
function tlsProblems(cert: string | undefined, key: string | undefined): void {
  if (!cert && !key) return
  const problems: string[] = []
  if (!cert || !key) problems.push('  CSMS_TLS_CERT and CSMS_TLS_KEY must be set together')
  for (const [name, file] of [
    ['CSMS_TLS_CERT', cert],
    ['CSMS_TLS_KEY', key],
  ] as const) {
    if (file && !existsSync(file)) problems.push(`  ${name}=${JSON.stringify(file)}: no such file`)
  }
  if (problems.length) throw new ConfigError(`invalid configuration:\n${problems.join('\n')}`)
}

/** `CSMS_TRUST_PROXY`: `false` is 0 proxies, `true` is 1, a digit says how many. */
const proxyHops = (v: string) => (v === 'true' ? 1 : v === 'false' ? 0 : Number(v))

/** `host:port`, `[v6]:port` included (validated by the schema). */
function hostPort(v: string): { host: string; port: number } {
  const colon = v.lastIndexOf(':')
  return { host: v.slice(0, colon).replace(/^\[(.*)\]$/, '$1'), port: Number(v.slice(colon + 1)) }
}

/**
 * Reads and validates the configuration. Throws a `ConfigError` naming every bad variable, its value and
 * what is expected, so a person can fix the environment in one go.
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''))
  const parsed = envSchema.safeParse(cleaned)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const key = String(issue.path[0])
      const shown =
        key.includes('PASSWORD') || key.includes('KEY') || key.includes('TOKEN') || key.includes('SMTP')
          ? '***'
          : env[key]
      return `  ${key}=${JSON.stringify(shown)}: ${issue.message}`
    })
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`)
  }
  const e = parsed.data
  tlsProblems(e.CSMS_TLS_CERT, e.CSMS_TLS_KEY)
  if (e.CSMS_SMTP_URL && !e.CSMS_PUBLIC_URL)
    throw new ConfigError(
      'invalid configuration:\n  CSMS_PUBLIC_URL is unset: mailed sign-in links need it (CSMS_SMTP_URL is set), never the Host a request names',
    )
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    databaseAuthToken: e.DATABASE_AUTH_TOKEN,
    natsUrl: e.NATS_URL,
    nodeId:
      e.NODE_ID ??
      `${hostname()
        .replace(/[^A-Za-z0-9_-]/g, '-')
        .slice(0, 40)}-${e.PORT}`,
    apiKey: e.CSMS_API_KEY,
    publicUrl: e.CSMS_PUBLIC_URL?.replace(/\/$/, ''),
    tls:
      e.CSMS_TLS_CERT && e.CSMS_TLS_KEY ? { certFile: e.CSMS_TLS_CERT, keyFile: e.CSMS_TLS_KEY } : undefined,
    adminEmail: e.CSMS_ADMIN_EMAIL,
    adminPassword: e.CSMS_ADMIN_PASSWORD,
    unknownChargers: e.CSMS_UNKNOWN_CHARGERS,
    heartbeatIntervalS: e.CSMS_HEARTBEAT_INTERVAL_S,
    ocppCallTimeoutMs: e.CSMS_OCPP_CALL_TIMEOUT_MS,
    ocppMaxFrameBytes: e.CSMS_OCPP_MAX_FRAME_BYTES,
    authMaxFailures: e.CSMS_AUTH_MAX_FAILURES,
    authLockoutS: e.CSMS_AUTH_LOCKOUT_S,
    dbFlushMs: e.CSMS_DB_FLUSH_MS,
    ocppBootTimeoutS: e.CSMS_OCPP_BOOT_TIMEOUT_S,
    sseKeepaliveS: e.CSMS_SSE_KEEPALIVE_S,
    sseReplayKeys: e.CSMS_SSE_REPLAY_KEYS,
    trustProxyHops: proxyHops(e.CSMS_TRUST_PROXY),
    metricsKey: e.CSMS_METRICS_KEY,
    metricsListen: e.CSMS_METRICS_LISTEN ? hostPort(e.CSMS_METRICS_LISTEN) : undefined,
    logLevel: e.LOG_LEVEL,
    localLists: {
      enabled: e.CSMS_LOCAL_LISTS === 'on',
      concurrency: e.CSMS_LOCAL_LIST_CONCURRENCY,
      perSecond: e.CSMS_LOCAL_LIST_RATE,
      debounceMs: 2_000,
      sweepMs: 20_000,
    },
    // caps
    sessionCaps: { enabled: e.CSMS_SESSION_CAPS === 'on', sweepMs: 15_000 },
    // display
    displayKeysAtBoot: e.CSMS_DISPLAY_KEYS === 'on',
    // driver pages
    mail: { smtpUrl: e.CSMS_SMTP_URL, from: e.CSMS_MAIL_FROM },
  }
}
