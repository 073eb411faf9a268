import { chooseLanguage, type Language } from '@src/domain/driver-pages/language'
import { MESSAGES, type Messages } from '@views/driver/messages'
import { cookieValue } from '../admin/auth'

/** The signed-in driver's session cookie (its secret; only the hash is stored). */
export const DRIVER_COOKIE = 'csms_driver'
/** The language the driver chose with the switch. */
export const LANGUAGE_COOKIE = 'csms_lang'
/** The language choice is kept a year. */
const LANGUAGE_MAX_AGE_S = 365 * 86_400

/** The driver session cookie: HttpOnly, SameSite=Lax, Secure whenever the browser reached us over TLS. */
export function driverCookie(secret: string, maxAgeS: number, secure: boolean): string {
  return `${DRIVER_COOKIE}=${secret}; Path=/; Max-Age=${maxAgeS}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`
}

/** The language cookie (the same attributes; it holds no secret, but nothing needs to read it). */
export function languageCookie(lang: Language, secure: boolean): string {
  return `${LANGUAGE_COOKIE}=${lang}; Path=/; Max-Age=${LANGUAGE_MAX_AGE_S}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`
}

/** The texts for a request: the language cookie, else the browser's `Accept-Language`, else English. */
export function messagesOf(request: Request): Messages {
  const cookie = cookieValue(request.headers.get('cookie'), LANGUAGE_COOKIE)
  return MESSAGES[chooseLanguage(cookie, request.headers.get('accept-language'))]
}

/** The driver session secret a request carries, if any. */
export const driverSecretOf = (request: Request) => cookieValue(request.headers.get('cookie'), DRIVER_COOKIE)
