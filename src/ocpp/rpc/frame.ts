import { RpcError, type RpcFailure } from './errors'

/** OCPP-J message type ids. */
export const MessageType = { Call: 2, CallResult: 3, CallError: 4 } as const

/** A decoded OCPP-J frame, or why it could not be decoded. */
export type Frame =
  | { kind: 'call'; id: string; action: string; payload: Record<string, unknown> }
  | { kind: 'result'; id: string; payload: Record<string, unknown> }
  | { kind: 'error'; id: string; code: string; description: string; details: Record<string, unknown> }
  | { kind: 'invalid'; id: string; failure: RpcFailure }

/** The message id used in a CALLERROR when the offending frame's own id cannot be read. */
export const UNKNOWN_MESSAGE_ID = '-1'

/** Longest message id OCPP allows (2.0.1 part 4: 36 characters; 1.6 uses the same in practice). */
export const MAX_MESSAGE_ID_LENGTH = 36

/**
 * Deepest nesting of arrays and objects a frame may have, the frame's own array included. The deepest
 * OCPP message (a 2.0.1 report with EVSE and custom data) is under 10 levels; vendor `data` and
 * `customData` are open, so a charger could send 100,000 levels of them, which parse but then overflow
 * the stack of whatever walks them (validation, storing, encoding) after the frame was accepted.
 */
export const MAX_FRAME_DEPTH = 64

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

function invalid(id: unknown, code: RpcFailure['code'], description: string): Frame {
  const usable = typeof id === 'string' && id.length > 0 && id.length <= MAX_MESSAGE_ID_LENGTH
  return { kind: 'invalid', id: usable ? id : UNKNOWN_MESSAGE_ID, failure: { code, description } }
}

/**
 * Decodes one WebSocket text frame. Never throws: anything malformed becomes an `invalid` frame carrying
 * the CALLERROR to answer (with id "-1" when the frame's own id cannot be read).
 */
export function decodeFrame(text: string): Frame {
  if (nestedDeeperThan(text, MAX_FRAME_DEPTH)) {
    return invalid(
      leadingMessageId(text),
      RpcError.FormatViolation,
      `frame nested deeper than ${MAX_FRAME_DEPTH} levels`,
    )
  }
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    return invalid(undefined, RpcError.RpcFrameworkError, 'frame is not valid JSON')
  }
  if (!Array.isArray(data)) return invalid(undefined, RpcError.RpcFrameworkError, 'frame is not a JSON array')
  const [type, id] = data
  if (typeof id !== 'string' || id.length === 0 || id.length > MAX_MESSAGE_ID_LENGTH) {
    return invalid(undefined, RpcError.RpcFrameworkError, 'message id must be a string of 1 to 36 characters')
  }
  if (type === MessageType.Call) return decodeCall(data, id)
  if (type === MessageType.CallResult) {
    if (data.length !== 3 || !isObject(data[2]))
      return invalid(id, RpcError.FormatViolation, 'CALLRESULT must be [3, id, {payload}]')
    return { kind: 'result', id, payload: data[2] }
  }
  if (type === MessageType.CallError) return decodeCallError(data, id)
  return invalid(id, RpcError.MessageTypeNotSupported, `unknown message type ${JSON.stringify(type)}`)
}

const QUOTE = 0x22 // "
const BACKSLASH = 0x5c // \
const OPEN_ARRAY = 0x5b // [
const CLOSE_ARRAY = 0x5d // ]
const OPEN_OBJECT = 0x7b // {
const CLOSE_OBJECT = 0x7d // }

/**
 * Whether JSON text nests arrays and objects deeper than `max`, found by one pass over the characters
 * (brackets inside strings, escaped quotes included, do not count) before anything is parsed. Text
 * too short to nest that deep is not scanned.
 */
export function nestedDeeperThan(text: string, max: number): boolean {
  if (text.length <= max) return false
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === BACKSLASH) i++
      else if (c === QUOTE) inString = false
    } else if (c === QUOTE) inString = true
    else if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
      if (++depth > max) return true
    } else if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) depth--
  }
  return false
}

/** The message id at the start of a frame that is not parsed (a CALL, CALLRESULT or CALLERROR). */
export function leadingMessageId(text: string): string | undefined {
  return /^\s*\[\s*[234]\s*,\s*"([^"\\]{1,36})"/.exec(text.slice(0, 64))?.[1]
}

function decodeCall(data: unknown[], id: string): Frame {
  if (data.length !== 4)
    return invalid(id, RpcError.FormatViolation, 'CALL must be [2, id, action, {payload}]')
  const [, , action, payload] = data
  if (typeof action !== 'string' || action.length === 0)
    return invalid(id, RpcError.FormatViolation, 'action must be a string')
  if (!isObject(payload)) return invalid(id, RpcError.FormatViolation, 'payload must be a JSON object')
  return { kind: 'call', id, action, payload }
}

function decodeCallError(data: unknown[], id: string): Frame {
  const [, , code, description, details] = data
  if (
    data.length !== 5 ||
    typeof code !== 'string' ||
    typeof description !== 'string' ||
    !isObject(details)
  ) {
    return invalid(id, RpcError.FormatViolation, 'CALLERROR must be [4, id, code, description, {details}]')
  }
  return { kind: 'error', id, code, description, details }
}

/** Encodes a CALL. */
export function encodeCall(id: string, action: string, payload: unknown): string {
  return JSON.stringify([MessageType.Call, id, action, payload])
}

/** Encodes a CALLRESULT. */
export function encodeResult(id: string, payload: unknown): string {
  return JSON.stringify([MessageType.CallResult, id, payload])
}

/** Encodes a CALLERROR; the description is cut to 255 characters as the spec requires. */
export function encodeError(
  id: string,
  wireCode: string,
  description: string,
  details: Record<string, unknown> = {},
): string {
  return JSON.stringify([MessageType.CallError, id, wireCode, description.slice(0, 255), details])
}
