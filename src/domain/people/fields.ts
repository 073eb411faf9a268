import { z } from 'zod'
import { MAX_TOKEN_ID, tokenTypes } from '../charger/tokens'

/** A person's or group's name: 1–120 characters after trimming. */
export const nameField = z.string().trim().min(1, 'Enter a name.').max(120, 'Use at most 120 characters.')

/** An email address, stored lower-case. */
export const emailField = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email('Enter an email like name@example.se.'))

/** A phone number in E.164 form (+ and 8–15 digits); spaces and dashes are removed. */
export const phoneField = z
  .string()
  .transform((s) => s.replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^\+[1-9]\d{7,14}$/, 'Enter a phone number with country code, like +46701234567.'))

/** A BCP 47 language tag such as `sv` or `en-GB`. */
export const languageField = z
  .string()
  .trim()
  .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, 'Enter a language code like sv or en-GB.')

/** An apartment number (Swedish style 1101 or letters and digits), at most 16 characters. */
export const apartmentField = z
  .string()
  .trim()
  .regex(/^[\p{L}\d][\p{L}\d ./-]{0,15}$/u, 'Enter an apartment number of at most 16 letters or digits.')

/** A parking space label, at most 16 letters, digits or dashes. */
export const parkingSpaceField = z
  .string()
  .trim()
  .regex(/^[\p{L}\d][\p{L}\d -]{0,15}$/u, 'Enter a parking space of at most 16 letters or digits.')

/** A cost centre code: 1–32 upper-case letters, digits, dots, dashes or underscores. */
export const costCentreCodeField = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9._-]{0,31}$/, 'Enter a code of at most 32 letters, digits, dots or dashes.')

/** A token id as chargers send it (printable ASCII, at most MAX_TOKEN_ID characters), kept as typed. */
export const tokenUidField = z
  .string()
  .trim()
  .min(1, 'Enter the token number.')
  .max(MAX_TOKEN_ID, `Use at most ${MAX_TOKEN_ID} characters.`)
  .regex(/^[\x21-\x7e]+$/, 'Use letters, digits and symbols without spaces.')

/** A token kind; RFID when left empty. */
export const tokenTypeField = z.preprocess((v) => (v === '' ? 'RFID' : v), z.enum(tokenTypes))

/** The first message a failed field check gives, for showing beside the field. */
export function firstMessage(error: z.ZodError): string {
  return error.issues[0]?.message ?? 'Check this value.'
}
