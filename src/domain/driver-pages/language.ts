/** The languages of the driver pages. */
export const LANGUAGES = ['en', 'sv'] as const
/** A language of the driver pages. */
export type Language = (typeof LANGUAGES)[number]
/** When neither the cookie nor the browser names one of ours. */
export const DEFAULT_LANGUAGE: Language = 'en'

/** True for a language the driver pages speak. */
export const isLanguage = (v: unknown): v is Language => LANGUAGES.includes(v as Language)

/**
 * The language of a driver page: the one the driver chose (the language cookie), else the first of
 * ours in the browser's `Accept-Language` by its quality (`sv-SE` counts as `sv`), else English.
 *
 * @example
 * chooseLanguage(undefined, 'de-DE,sv;q=0.8,en;q=0.5') // 'sv'
 */
export function chooseLanguage(cookie: string | undefined, acceptLanguage: string | null): Language {
  if (isLanguage(cookie)) return cookie
  const wanted = (acceptLanguage ?? '')
    .slice(0, 500)
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';')
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined)
      return { base: tag.trim().toLowerCase().split('-')[0] ?? '', q: q === undefined ? 1 : Number(q), i }
    })
    .filter((w) => w.q > 0 && Number.isFinite(w.q))
    .sort((a, b) => b.q - a.q || a.i - b.i)
  return wanted.map((w) => w.base).find(isLanguage) ?? DEFAULT_LANGUAGE
}
