import type { Language } from '@src/domain/driver-pages/language'

/** Every text of the driver's own pages, in one language. */
export interface Messages {
  lang: Language
  /** The other language's name, on the switch. */
  otherLanguage: string
  title: string
  tabs: { now: string; history: string; cards: string; plan: string; household: string; invoices: string }
  signOut: string
  signOutEverywhere: string
  signIn: {
    heading: string
    intro: string
    email: string
    send: string
    sent: string
    tooMany: string
    badEmail: string
    confirm: string
    confirmButton: string
    linkGone: string
    signedOut: string
  }
  now: {
    heading: string
    none: string
    open: string
    prices: string
    pricesIntro: string
    free: string
    refused: string
  }
  live: {
    connector: (evse: number, state: string) => string
    chargingFor: (duration: string) => string
    ended: string
    energy: string
    power: string
    battery: string
    departure: string
    need: string
    notSet: string
    expected: string
    notKnown: string
    late: string
    cost: string
    noTariff: string
    /** When the live figures were last updated (`hh:mm:ss`). */
    updated: string
    /** The stream of a signed-out page ended: what to do. */
    signedOut: string
    source: Record<'driver' | 'ev' | 'pattern' | 'default', string>
  }
  history: {
    heading: string
    none: string
    started: string
    where: string
    energy: string
    cost: string
    running: string
    noCdr: string
    place: (charger: string, evse: number) => string
  }
  cards: {
    heading: string
    none: string
    status: Record<string, string>
    block: string
    confirm: string
    blocked: string
    noSuchCard: string
  }
  plan: {
    heading: string
    intro: string
    days: string
    time: string
    energy: string
    energyHint: string
    save: string
    remove: string
    saved: string
    removed: string
    current: (label: string) => string
    none: string
    weekdays: string
    everyDay: string
    dayNames: readonly string[]
    errors: Record<'planDays' | 'planTime' | 'planEnergy', string>
  }
  household: {
    heading: string
    none: string
    apartment: (apartment: string, space: string | null) => string
    members: string
    cards: string
  }
  /** billing admin: the driver's invoices and credit notes (their own and their households'). */
  invoices: {
    heading: string
    none: string
    number: string
    period: string
    dueOn: string
    total: string
    status: string
    download: string
    creditNote: string
    forHousehold: string
    states: Record<'paid' | 'unpaid' | 'reminded', string>
    overdue: string
  }
  /** The connector's QR page while no car charges there. */
  qr: { noCar: (evse: number) => string; plugIn: string }
  /** The departure form of a session's own page (`/drive/s/<token>`). */
  departure: {
    heading: string
    intro: string
    day: string
    time: string
    energy: string
    energyHint: string
    save: string
    today: string
    tomorrow: string
    /** The `Intl` locale of the weekday names. */
    locale: string
    saved: string
    ended: string
    /** The form's messages, by their English text (a message without one is shown as it is). */
    errors: Readonly<Record<string, string>>
  }
  crossSite: string
}

const en: Messages = {
  lang: 'en',
  otherLanguage: 'Svenska',
  title: 'Your charging',
  tabs: {
    now: 'Now',
    history: 'History',
    cards: 'Cards',
    plan: 'Plan',
    household: 'Household',
    invoices: 'Invoices',
  },
  signOut: 'Sign out',
  signOutEverywhere: 'Sign out everywhere',
  signIn: {
    heading: 'Sign in',
    intro: 'Enter the email your charging operator has for you. We mail you a link that signs you in.',
    email: 'Email',
    send: 'Send me a link',
    sent: 'If a driver has this email, a sign-in link is on its way. It works once, for 15 minutes.',
    tooMany: 'Too many links were asked for. Wait 15 minutes and try again.',
    badEmail: 'Enter an email address like name@example.com.',
    confirm: 'Sign in on this device?',
    confirmButton: 'Sign in',
    linkGone: 'This link does not work (any more): each link works once, for 15 minutes. Ask for a new one.',
    signedOut: 'You are signed out.',
  },
  now: {
    heading: 'Charging now',
    none: 'None of your cards is charging right now.',
    open: 'Set when you leave',
    prices: 'Prices where you charge',
    pricesIntro: 'What a new session of your card would cost at each place, now.',
    free: 'No tariff: charging is free here.',
    refused: 'Your card cannot charge here now.',
  },
  live: {
    connector: (evse, state) => `Connector ${evse} · ${state}`,
    chargingFor: (duration) => `charging for ${duration}`,
    ended: 'this session has ended',
    energy: 'Energy so far',
    power: 'Power',
    battery: 'Battery',
    departure: 'Departure',
    need: 'Energy wanted',
    notSet: 'not set',
    expected: 'Expected done',
    notKnown: 'not known yet',
    late: ' — after your departure: the site is busy',
    cost: 'Cost so far',
    noTariff: 'no tariff',
    updated: 'Updated',
    signedOut: 'You were signed out: sign in again to follow your charging.',
    source: {
      driver: 'set by you',
      ev: 'from your car',
      pattern: 'from your usual times',
      default: 'not set: charging as soon as possible',
    },
  },
  history: {
    heading: 'Your sessions',
    none: 'No sessions yet.',
    started: 'Started',
    where: 'Where',
    energy: 'Energy',
    cost: 'Cost',
    running: 'charging',
    noCdr: 'being priced',
    place: (charger, evse) => `${charger}, connector ${evse}`,
  },
  cards: {
    heading: 'Your cards',
    none: 'You have no cards.',
    status: { Accepted: 'works', Blocked: 'blocked', Expired: 'expired', Invalid: 'not valid' },
    block: 'Block (lost card)',
    confirm: 'Block this card? It stops working at once; ask your operator to unblock it.',
    blocked: 'Blocked: the card no longer starts charging.',
    noSuchCard: 'You have no such card.',
  },
  plan: {
    heading: 'When you usually leave',
    intro: 'A new session of your cards gets this departure, in the time of the place you charge at.',
    days: 'Days',
    time: 'Time',
    energy: 'Energy you need (kWh, optional)',
    energyHint: '0.5 to 200 kWh',
    save: 'Save plan',
    remove: 'Remove plan',
    saved: 'Saved: new sessions of your cards plan by it.',
    removed: 'Removed: sessions charge as soon as possible unless you set a departure.',
    current: (label) => `Your plan: ${label}`,
    none: 'You have no plan yet.',
    weekdays: 'weekdays',
    everyDay: 'every day',
    dayNames: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
    errors: {
      planDays: 'tick at least one day',
      planTime: 'enter a time like 07:15',
      planEnergy: 'enter 0.5 to 200 kWh',
    },
  },
  household: {
    heading: 'Your household',
    none: 'You are in no household.',
    apartment: (apartment, space) => `Apartment ${apartment}${space ? ` · parking space ${space}` : ''}`,
    members: 'Members',
    cards: 'Cards',
  },
  invoices: {
    heading: 'Your invoices',
    none: 'No invoices yet.',
    number: 'Number',
    period: 'Period',
    dueOn: 'Due',
    total: 'Total',
    status: 'Status',
    download: 'PDF',
    creditNote: 'credit note',
    forHousehold: 'household',
    states: { paid: 'paid', unpaid: 'to pay', reminded: 'reminder sent' },
    overdue: 'overdue',
  },
  qr: {
    noCar: (evse) => `No car is charging at connector ${evse} right now.`,
    plugIn: 'Plug in and start charging; this page shows your session when it begins.',
  },
  departure: {
    heading: 'When do you leave?',
    intro: 'Cars that leave sooner get more power; tell us and we plan for you.',
    day: 'Day',
    time: 'Time',
    energy: 'Energy you need (kWh, optional)',
    energyHint: '0.5 to 200 kWh',
    save: 'Save',
    today: 'Today',
    tomorrow: 'Tomorrow',
    locale: 'en-GB',
    saved: 'Saved: we plan your charging to be done by then.',
    ended: 'This session has ended.',
    errors: {},
  },
  crossSite: 'Please use the pages of this site.',
}

const sv: Messages = {
  lang: 'sv',
  otherLanguage: 'English',
  title: 'Din laddning',
  tabs: {
    now: 'Nu',
    history: 'Historik',
    cards: 'Kort',
    plan: 'Plan',
    household: 'Hushåll',
    invoices: 'Fakturor',
  },
  signOut: 'Logga ut',
  signOutEverywhere: 'Logga ut överallt',
  signIn: {
    heading: 'Logga in',
    intro: 'Skriv den e-postadress din laddoperatör har för dig. Vi mejlar en länk som loggar in dig.',
    email: 'E-post',
    send: 'Skicka en länk',
    sent: 'Om en förare har den här adressen är en inloggningslänk på väg. Den gäller en gång, i 15 minuter.',
    tooMany: 'För många länkar har begärts. Vänta 15 minuter och försök igen.',
    badEmail: 'Skriv en e-postadress som namn@example.com.',
    confirm: 'Logga in på den här enheten?',
    confirmButton: 'Logga in',
    linkGone: 'Länken fungerar inte (längre): varje länk gäller en gång, i 15 minuter. Be om en ny.',
    signedOut: 'Du är utloggad.',
  },
  now: {
    heading: 'Laddar nu',
    none: 'Inget av dina kort laddar just nu.',
    open: 'Ange när du åker',
    prices: 'Priser där du laddar',
    pricesIntro: 'Vad en ny laddning med ditt kort skulle kosta på varje plats, just nu.',
    free: 'Ingen taxa: laddningen är gratis här.',
    refused: 'Ditt kort kan inte ladda här just nu.',
  },
  live: {
    connector: (evse, state) => `Uttag ${evse} · ${state}`,
    chargingFor: (duration) => `laddar sedan ${duration}`,
    ended: 'laddningen är avslutad',
    energy: 'Energi hittills',
    power: 'Effekt',
    battery: 'Batteri',
    departure: 'Avresa',
    need: 'Önskad energi',
    notSet: 'inte angiven',
    expected: 'Klar ungefär',
    notKnown: 'inte känt än',
    late: ' — efter din avresa: platsen är hårt belastad',
    cost: 'Kostnad hittills',
    noTariff: 'ingen taxa',
    updated: 'Uppdaterad',
    signedOut: 'Du har loggats ut: logga in igen för att följa din laddning.',
    source: {
      driver: 'angiven av dig',
      ev: 'från din bil',
      pattern: 'från dina vanliga tider',
      default: 'inte angiven: laddar så fort som möjligt',
    },
  },
  history: {
    heading: 'Dina laddningar',
    none: 'Inga laddningar än.',
    started: 'Start',
    where: 'Var',
    energy: 'Energi',
    cost: 'Kostnad',
    running: 'laddar',
    noCdr: 'prissätts',
    place: (charger, evse) => `${charger}, uttag ${evse}`,
  },
  cards: {
    heading: 'Dina kort',
    none: 'Du har inga kort.',
    status: { Accepted: 'fungerar', Blocked: 'spärrat', Expired: 'utgånget', Invalid: 'ogiltigt' },
    block: 'Spärra (borttappat kort)',
    confirm: 'Spärra kortet? Det slutar fungera direkt; be din operatör om att häva spärren.',
    blocked: 'Spärrat: kortet startar inte längre någon laddning.',
    noSuchCard: 'Du har inget sådant kort.',
  },
  plan: {
    heading: 'När du brukar åka',
    intro: 'En ny laddning med dina kort får den här avresan, i tiden där du laddar.',
    days: 'Dagar',
    time: 'Tid',
    energy: 'Energi du behöver (kWh, valfritt)',
    energyHint: '0,5 till 200 kWh',
    save: 'Spara plan',
    remove: 'Ta bort plan',
    saved: 'Sparat: nya laddningar med dina kort planeras efter den.',
    removed: 'Borttagen: laddningar går så fort som möjligt om du inte anger en avresa.',
    current: (label) => `Din plan: ${label}`,
    none: 'Du har ingen plan än.',
    weekdays: 'vardagar',
    everyDay: 'varje dag',
    dayNames: ['mån', 'tis', 'ons', 'tor', 'fre', 'lör', 'sön'],
    errors: {
      planDays: 'kryssa minst en dag',
      planTime: 'skriv en tid som 07:15',
      planEnergy: 'skriv 0,5 till 200 kWh',
    },
  },
  household: {
    heading: 'Ditt hushåll',
    none: 'Du tillhör inget hushåll.',
    apartment: (apartment, space) => `Lägenhet ${apartment}${space ? ` · parkeringsplats ${space}` : ''}`,
    members: 'Medlemmar',
    cards: 'Kort',
  },
  invoices: {
    heading: 'Dina fakturor',
    none: 'Inga fakturor än.',
    number: 'Nummer',
    period: 'Period',
    dueOn: 'Förfaller',
    total: 'Belopp',
    status: 'Status',
    download: 'PDF',
    creditNote: 'kreditfaktura',
    forHousehold: 'hushåll',
    states: { paid: 'betald', unpaid: 'att betala', reminded: 'påminnelse skickad' },
    overdue: 'förfallen',
  },
  qr: {
    noCar: (evse) => `Ingen bil laddar vid uttag ${evse} just nu.`,
    plugIn: 'Anslut och starta laddningen; sidan visar din laddning när den börjar.',
  },
  departure: {
    heading: 'När åker du?',
    intro: 'Bilar som åker tidigare får mer effekt; berätta när så planerar vi åt dig.',
    day: 'Dag',
    time: 'Tid',
    energy: 'Energi du behöver (kWh, valfritt)',
    energyHint: '0,5 till 200 kWh',
    save: 'Spara',
    today: 'I dag',
    tomorrow: 'I morgon',
    locale: 'sv-SE',
    saved: 'Sparat: vi planerar att din laddning är klar då.',
    ended: 'Laddningen är avslutad.',
    errors: {
      'choose a day': 'välj en dag',
      'enter a time like 07:30': 'skriv en tid som 07:30',
      'choose a time in the future': 'välj en tid framåt',
      'at most 7 days ahead': 'högst 7 dagar framåt',
      'enter 0.5 to 200 kWh': 'skriv 0,5 till 200 kWh',
    },
  },
  crossSite: 'Använd sidorna på den här webbplatsen.',
}

/** The driver pages' message catalog, keyed by language. */
export const MESSAGES: Readonly<Record<Language, Messages>> = { en, sv }

/** A weekly plan in words: `weekdays 07:15`, `every day 06:30`, `Sat, Sun 09:00`. */
export function planLabel(m: Messages, plan: { days: readonly number[]; time: string }): string {
  const d = [...plan.days].sort((a, b) => a - b).join(',')
  const days =
    d === '1,2,3,4,5'
      ? m.plan.weekdays
      : d === '1,2,3,4,5,6,7'
        ? m.plan.everyDay
        : plan.days.map((n) => m.plan.dayNames[n - 1]).join(', ')
  return `${days} ${plan.time}`
}
