import type { Language } from './language'

/** The mail that carries a driver's one-time sign-in link, in the language of the page it was asked from. */
export function signInMail(link: string, minutes: number, lang: Language): { subject: string; text: string } {
  if (lang === 'sv')
    return {
      subject: 'Logga in och följ din laddning',
      text: `Öppna länken för att logga in:\n\n${link}\n\nLänken gäller i ${minutes} minuter och en gång. Bad du inte om den kan du strunta i det här mejlet.\n`,
    }
  return {
    subject: 'Sign in to follow your charging',
    text: `Open this link to sign in:\n\n${link}\n\nThe link works once, for ${minutes} minutes. If you did not ask for it, ignore this mail.\n`,
  }
}
