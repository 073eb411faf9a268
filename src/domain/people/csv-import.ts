import type { z } from 'zod'
import type { TokenType } from '../charger/tokens'
import { unguardCell } from './csv'
import {
  apartmentField,
  emailField,
  firstMessage,
  nameField,
  parkingSpaceField,
  phoneField,
  tokenTypeField,
  tokenUidField,
} from './fields'

/** Columns a driver-and-token import understands; only `name` is required. */
export const IMPORT_COLUMNS = [
  'apartment',
  'parking_space',
  'name',
  'email',
  'phone',
  'token_uid',
  'token_type',
  'group',
] as const

/** One import column. */
export type ImportColumn = (typeof IMPORT_COLUMNS)[number]

/** What the database already holds that a row is checked against. */
export interface ImportContext {
  /** The organization the import is for. */
  organizationId: string
  /** Group names (lower-case) in that organization, mapped to their ids. */
  groups: ReadonlyMap<string, string>
  /** Existing tokens by uid, with the organization that owns each. */
  tokens: ReadonlyMap<string, { organizationId: string }>
  /** Existing drivers in the organization by email (lower-case), mapped to their ids. */
  driversByEmail: ReadonlyMap<string, string>
}

/** A valid row: what it will create or change. */
export interface ImportRow {
  line: number
  name: string
  email: string | null
  phone: string | null
  apartment: string | null
  parkingSpace: string | null
  token: { uid: string; type: TokenType; action: 'create' | 'update' } | null
  groupId: string | null
  driver: { action: 'create' } | { action: 'update'; id: string }
}

/** A refused row with every reason, for the per-row error report. */
export interface ImportRowError {
  line: number
  errors: string[]
}

/** The preview: rows to import and rows refused; or a message when the file itself is unusable. */
export type ImportPlan =
  | { ok: true; rows: ImportRow[]; errors: ImportRowError[] }
  | { ok: false; error: string }

const optional = <T>(value: string, parse: (v: string) => T): T | null => (value === '' ? null : parse(value))

/** Validates parsed CSV rows (the first is the header) against the context, row by row. Pure. */
export function planImport(csvRows: readonly string[][], context: ImportContext): ImportPlan {
  const [header, ...body] = csvRows
  if (!header) return { ok: false, error: 'The file is empty.' }
  const names = header.map((h) => h.trim().toLowerCase())
  const unknown = names.filter((n) => n !== '' && !(IMPORT_COLUMNS as readonly string[]).includes(n))
  if (unknown.length > 0) return { ok: false, error: `Unknown columns: ${unknown.join(', ')}.` }
  if (!names.includes('name')) return { ok: false, error: 'The header row needs a name column.' }
  const rows: ImportRow[] = []
  const errors: ImportRowError[] = []
  const seenTokens = new Map<string, number>()
  body.forEach((cells, index) => {
    const line = index + 2
    const cell = (column: ImportColumn) => unguardCell((cells[names.indexOf(column)] ?? '').trim())
    const problems: string[] = []
    const check = <T>(column: ImportColumn, field: z.ZodType<T>): T | null =>
      optional(cell(column), (v) => {
        const result = field.safeParse(v)
        if (result.success) return result.data
        problems.push(`${column}: ${firstMessage(result.error)}`)
        return null
      })
    const name = check('name', nameField)
    if (cell('name') === '') problems.push('name: Enter a name.')
    const email = check('email', emailField)
    const phone = check('phone', phoneField)
    const apartment = check('apartment', apartmentField)
    const parkingSpace = check('parking_space', parkingSpaceField)
    const uid = check('token_uid', tokenUidField)
    const type = tokenTypeField.safeParse(cell('token_type'))
    if (!type.success) problems.push(`token_type: ${cell('token_type')} is not a token type.`)
    let token: ImportRow['token'] = null
    if (uid !== null) {
      const earlier = seenTokens.get(uid)
      const existing = context.tokens.get(uid)
      if (earlier !== undefined) problems.push(`token_uid: ${uid} is also on line ${earlier}.`)
      else seenTokens.set(uid, line)
      if (existing && existing.organizationId !== context.organizationId) {
        problems.push(`token_uid: ${uid} belongs to another organization.`)
      }
      if (type.success) token = { uid, type: type.data, action: existing ? 'update' : 'create' }
    }
    const groupName = cell('group')
    const groupId = groupName === '' ? null : (context.groups.get(groupName.toLowerCase()) ?? null)
    if (groupName !== '' && groupId === null) problems.push(`group: there is no group called ${groupName}.`)
    if (problems.length > 0 || name === null) {
      errors.push({ line, errors: problems })
      return
    }
    const driverId = email === null ? undefined : context.driversByEmail.get(email)
    rows.push({
      line,
      name,
      email,
      phone,
      apartment,
      parkingSpace,
      token,
      groupId,
      driver: driverId ? { action: 'update', id: driverId } : { action: 'create' },
    })
  })
  return { ok: true, rows, errors }
}
