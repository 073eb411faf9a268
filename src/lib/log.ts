/**
 * Structured logging: one JSON object per line on stdout (stderr for warn/error), so log shippers can
 * parse it. Keep the hot path quiet: per-message detail belongs at `debug`, which is off by default.
 *
 * @example
 * const log = createLogger({ level: 'info' }).child({ charger: 'CP-1' })
 * log.info('charger booted', { vendor: 'ABB' })
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent'

const rank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 }

/** Fields attached to a log line; errors are expanded to name, code, message and stack. */
export type LogFields = Record<string, unknown>

export interface Logger {
  debug(msg: string, fields?: LogFields): void
  info(msg: string, fields?: LogFields): void
  warn(msg: string, fields?: LogFields): void
  error(msg: string, fields?: LogFields): void
  /** A logger that adds `fields` to every line. */
  child(fields: LogFields): Logger
  /** True when `level` would be written; guard expensive field building with it. */
  enabled(level: LogLevel): boolean
}

/** Where lines go; tests pass an array-backed sink. */
export type LogSink = (level: LogLevel, line: string) => void

const stdSink: LogSink = (level, line) => {
  if (rank[level] >= rank.warn) process.stderr.write(`${line}\n`)
  else process.stdout.write(`${line}\n`)
}

/** Creates the root logger. `now` supplies timestamps (the injected clock's `now`). */
export function createLogger(opts: { level: LogLevel; sink?: LogSink; now?: () => number }): Logger {
  return makeLogger(rank[opts.level], opts.sink ?? stdSink, opts.now ?? Date.now, {})
}

function makeLogger(min: number, sink: LogSink, now: () => number, base: LogFields): Logger {
  const write = (level: LogLevel, msg: string, fields?: LogFields) => {
    if (rank[level] < min) return
    sink(level, JSON.stringify({ t: new Date(now()).toISOString(), level, msg, ...base, ...expand(fields) }))
  }
  return {
    debug: (msg, f) => write('debug', msg, f),
    info: (msg, f) => write('info', msg, f),
    warn: (msg, f) => write('warn', msg, f),
    error: (msg, f) => write('error', msg, f),
    child: (fields) => makeLogger(min, sink, now, { ...base, ...fields }),
    enabled: (level) => rank[level] >= min,
  }
}

function expand(fields: LogFields | undefined): LogFields | undefined {
  if (!fields) return undefined
  const out: LogFields = {}
  for (const [k, v] of Object.entries(fields)) out[k] = v instanceof Error ? describeError(v) : v
  return out
}

/** A JSON-friendly view of an error, following `cause` chains. */
export function describeError(err: Error): LogFields {
  const code = (err as { code?: unknown }).code
  const cause = err.cause instanceof Error ? describeError(err.cause) : err.cause
  return { name: err.name, code, message: err.message, stack: err.stack, cause }
}

/** A logger that discards everything (tests that do not inspect logs). */
export const silentLogger: Logger = createLogger({ level: 'silent' })
