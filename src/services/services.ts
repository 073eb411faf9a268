import type { Bus } from '@src/bus/port'
import { ScopedGroups } from '@src/db/repos/scoped-groups'
import { ScopedPeople } from '@src/db/repos/scoped-people'
import { ScopedPolicies } from '@src/db/repos/scoped-policies'
import { ScopedPriceSeries } from '@src/db/repos/scoped-price-series'
import { ScopedTariffs } from '@src/db/repos/scoped-tariffs'
import { ScopedTokens } from '@src/db/repos/scoped-tokens'
import type { DbWriter } from '@src/db/writer'
import type { Repos } from '@src/deps'
import type { ChargerCommand, CommandOutcome } from '@src/domain/charger/commands'
import { DEFAULT_TIME_ZONE } from '@src/domain/site/time-zone'
import type { Clock } from '@src/lib/clock'
import type { Logger } from '@src/lib/log'
import type { Mailer } from '@src/lib/mail'
import { AccessChanges } from './access-changes'
import { AccessCheck } from './access-check'
import { AccessDirectory } from './access-directory'
import { Accounts } from './accounts'
import { ApiKeyEdits } from './api-key-edits'
import { Audit } from './audit'
import { BillingProfiles } from './billing-profiles'
import { BillingRuns } from './billing-runs'
import { CdrWriter } from './cdr-writer'
import { CustomRoles } from './custom-roles'
import { Departures } from './departures'
import { DriverAccounts } from './driver-accounts'
import { DriverPlans } from './driver-plans'
import { DriverPrices } from './driver-prices'
import { DriverSignIn } from './driver-sign-in'
import { EnergyMargins } from './energy-margins'
import { GroupEdits } from './group-edits'
import { Invites } from './invites'
import { LiveSessions, type LiveSessionsDeps } from './live-sessions'
import { type LocalListSettings, LocalLists } from './local-lists'
import { MembershipEdits } from './membership-edits'
import { OrganizationEdits } from './organization-edits'
import { PasswordResets } from './password-resets'
import { ManualPayments, type PaymentStatus } from './payments'
import { PeopleEdits } from './people-edits'
import { PeopleExport } from './people-export'
import { PeopleImport } from './people-import'
import { PolicyEdits } from './policy-edits'
import { PriceSeriesEdits } from './price-series-edits'
import { Scopes } from './scopes'
import { SessionCaps, type SessionCapsDeps } from './session-caps'
import { SessionCosts } from './session-costs'
import { SessionTariffs } from './session-tariffs'
import { SiteEdits } from './site-edits'
import { SiteHistory } from './site-history'
import { SiteStatusStore } from './site-status'
import { TariffEdits } from './tariff-edits'
import { TariffPreviews } from './tariff-previews'
import { TokenEdits } from './token-edits'
import { DISPLAY_LANGUAGE, TransactionDisplay } from './transaction-display'

/**
 * The use cases that the admin, the REST API and the driver pages share (and OCPI will), one instance
 * of each per node. Controllers call them; they never call up into `http`.
 */
export interface Services {
  /** What the access evaluator decides for a token at a charger, and what a local list is compiled from. */
  access: AccessDirectory
  /** News that who may charge where changed in an organization (the local lists follow it). */
  accessChanges: AccessChanges
  /** Accounts in the caller's organizations: list, disable. */
  accounts: Accounts
  /** Who changed what: one entry per change, in the change's own write. */
  audit: Audit
  /** The latest status of every site and its live load chart, fed by the bus from boot. */
  siteStatus: SiteStatusStore
  /** Changes to sites, circuits and connector assignments. */
  siteEdits: SiteEdits
  /** Drivers' departure times and energy needs. */
  departures: Departures
  /** Monthly peaks and the last day's load of a site. */
  siteHistory: SiteHistory
  /** energy margin: a site month's energy cost against what its drivers paid. */
  energyMargins: EnergyMargins
  /** Who may do what where: the scope of an account or an API key. */
  scopes: Scopes
  /** The organization tree: customers, sub-organizations, renames, removals. */
  organizationEdits: OrganizationEdits
  /** Organizations' API keys: made (shown once) and revoked. */
  apiKeys: ApiKeyEdits
  // accounts: invitations, password resets, roles
  /** Built-in and custom roles: listed, and an organization's own made, changed and deleted. */
  roles: CustomRoles
  /** Invitations by one-time link: made (shown once), listed, revoked, accepted. */
  invites: Invites
  /** Password reset links: issued by an admin (shown once), used once. */
  passwordResets: PasswordResets
  /** A member's role changed, a member removed from an organization. */
  memberships: MembershipEdits
  // people
  /** Changes to drivers, households and business accounts (with cost centres). */
  peopleEdits: PeopleEdits
  /** Changes to groups and their members. */
  groupEdits: GroupEdits
  /** Changes to tokens: owners, groups, the one-click block. */
  tokenEdits: TokenEdits
  /** The CSV import of drivers, apartments, cards and groups. */
  peopleImport: PeopleImport
  /** The CSV export in the import's columns. */
  peopleExport: PeopleExport
  // tariffs
  /** Tariffs written as immutable versions, archived, and the price groups that name them. */
  tariffEdits: TariffEdits
  /** The tariff version a starting session is priced under. */
  sessionTariffs: SessionTariffs
  /** A session's cost so far (or final) under its tariff version, from the charger's meter. */
  sessionCosts: SessionCosts
  /** "What would this session cost" under a tariff, spot tariffs at their series' slots. */
  tariffPreviews: TariffPreviews
  /** Price series: created, their slots imported (JSON or CSV) with revisions. */
  priceSeriesEdits: PriceSeriesEdits
  /** sessions: a session's live view, from its actor on this node or from the stored transaction. */
  liveSessions: LiveSessions
  /** One immutable CDR per finished session (started by the node). */
  cdrWriter: CdrWriter
  /** display: what a transaction message's answer tells the charger's display (tariff text, cost so far). */
  transactionDisplay: TransactionDisplay
  // billing
  /** Billing runs (invoices per buyer and period, gapless numbers) and credit notes. */
  billingRuns: BillingRuns
  /** Where invoices stand, and recording payments and reminders (the manual adapter). */
  payments: PaymentStatus
  /** Sellers' billing profiles. */
  billingProfiles: BillingProfiles
  /** Local lists: every charger's offline list kept equal to the access rules (started by the node). */
  localLists: LocalLists
  // caps
  /** Sessions stopped at their policy's maximum length (started by the node). */
  sessionCaps: SessionCaps
  // policies: access policies
  /** Changes to access policies: create, update, delete, reorder. */
  policyEdits: PolicyEdits
  /** "Try a token": what a charger would be told for a card now or at another instant. */
  accessCheck: AccessCheck
  // driver pages: sign-in by mailed link, the driver's own things, weekly plans, the price before charging
  /** One-time sign-in links by mail, and the driver sessions they open. */
  driverSignIn: DriverSignIn
  /** The signed-in driver's sessions, tokens, household and weekly plan. */
  driverAccounts: DriverAccounts
  /** New sessions get their departure from the driver's weekly plan (started by the node). */
  driverPlans: DriverPlans
  /** The tariff that would apply at a connector, before charging. */
  driverPrices: DriverPrices
}

/** What the local-list service needs beyond the other services' adapters (local lists). */
export interface LocalListWiring {
  log: Logger
  nodeId: string
  settings: LocalListSettings
  send: (chargerId: string, command: ChargerCommand) => Promise<CommandOutcome>
}

/** caps: what the session-cap service needs beyond the other services' adapters. */
export type SessionCapsWiring = Pick<SessionCapsDeps, 'log' | 'nodeId' | 'sweepMs' | 'send' | 'count'>

/** Builds the services from the node's adapters; called once, in the composition root. */
export function createServices(deps: {
  clock: Clock
  log: Logger
  bus: Bus
  writer: DbWriter
  repos: Repos
  localLists: LocalListWiring
  sessionCaps: SessionCapsWiring
  /** driver pages: where sign-in links are mailed. */
  mailer: Mailer
  /** sessions: the view of a session actor running here (the actors start after the services). */
  runningSession: LiveSessionsDeps['running']
}): Services {
  const { clock, bus, writer, repos } = deps
  const siteStatus = SiteStatusStore.listen(bus)
  const audit = new Audit({ audit: repos.audit, clock })
  const access = new AccessDirectory({ facts: repos.accessFacts, policies: repos.accessPolicies })
  const accessChanges = new AccessChanges(bus)
  const people = { people: repos.people, writer, clock, audit, accessChanges }
  // accounts: invitations, password resets, roles
  const roles = new CustomRoles({ roles: repos.roles, links: repos.accountLinks, writer, clock, audit })
  const accountDeps = {
    links: repos.accountLinks,
    accounts: repos.accounts,
    operators: repos.operators,
    writer,
    clock,
    audit,
  }
  const departures = new Departures({
    transactions: repos.transactions,
    sites: repos.sites,
    writer,
    bus,
    clock,
  })
  const tokenEdits = new TokenEdits({ ...people, groups: repos.groups, tokens: new ScopedTokens(repos) })
  const sessionTariffs = new SessionTariffs({ facts: repos.accessFacts, tariffs: repos.tariffs })
  const sessionCosts = new SessionCosts({
    transactions: repos.transactions,
    tariffs: repos.tariffs,
    facts: repos.accessFacts,
    priceSeries: repos.priceSeries,
  })
  return {
    access,
    accessChanges,
    accounts: new Accounts({
      accounts: repos.accounts,
      organizations: repos.organizations,
      writer,
      clock,
      audit,
    }),
    audit,
    siteStatus,
    siteEdits: new SiteEdits({
      sites: repos.sites,
      chargers: repos.chargers,
      writer,
      bus,
      clock,
      siteStatus,
      audit,
      accessChanges,
    }),
    departures,
    siteHistory: new SiteHistory({ sites: repos.sites, clock }),
    energyMargins: new EnergyMargins({
      tariffs: repos.gridTariffs,
      sites: repos.sites,
      writer,
      audit,
      clock,
      slotsFor: (seriesId, from, to) => repos.priceSeries.spotSlots(seriesId, from, to),
    }),
    scopes: new Scopes({ organizations: repos.organizations, keys: repos.organizationAdmin, writer, clock }),
    organizationEdits: new OrganizationEdits({ orgs: repos.organizationAdmin, writer, clock, audit }),
    apiKeys: new ApiKeyEdits({ orgs: repos.organizationAdmin, writer, clock, audit }),
    localLists: new LocalLists({
      clock,
      bus,
      writer,
      lists: repos.localLists,
      access,
      changes: accessChanges,
      ...deps.localLists,
    }),
    // people
    peopleEdits: new PeopleEdits({ ...people, scoped: new ScopedPeople(repos), sites: repos.sites }),
    groupEdits: new GroupEdits({
      ...people,
      groups: repos.groups,
      scoped: new ScopedGroups(repos),
      tokens: repos.tokens,
      policies: repos.accessPolicies,
    }),
    tokenEdits,
    peopleImport: new PeopleImport({ ...people, groups: repos.groups }),
    peopleExport: new PeopleExport({ scoped: new ScopedPeople(repos), groups: repos.groups }),
    // accounts: invitations, password resets, roles
    roles,
    invites: new Invites({ ...accountDeps, organizations: repos.organizations, roles }),
    passwordResets: new PasswordResets(accountDeps),
    memberships: new MembershipEdits({
      accounts: repos.accounts,
      organizations: repos.organizations,
      roles,
      writer,
      clock,
      audit,
    }),
    // tariffs
    sessionTariffs,
    sessionCosts,
    liveSessions: new LiveSessions({
      clock,
      transactions: repos.transactions,
      costs: sessionCosts,
      running: deps.runningSession,
    }),
    transactionDisplay: new TransactionDisplay({
      transactions: repos.transactions,
      tariffs: repos.tariffs,
      costs: sessionCosts,
      language: DISPLAY_LANGUAGE,
    }),
    cdrWriter: new CdrWriter({
      bus,
      clock,
      log: deps.log,
      writer,
      transactions: repos.transactions,
      cdrs: repos.cdrs,
      costs: sessionCosts,
    }),
    // billing
    billingRuns: new BillingRuns({ clock, log: deps.log, writer, invoices: repos.invoices, audit }),
    payments: new ManualPayments({
      clock,
      writer,
      invoices: repos.invoices,
      audit,
      timeZone: DEFAULT_TIME_ZONE,
    }),
    billingProfiles: new BillingProfiles({ invoices: repos.invoices, writer, clock, audit }),
    tariffPreviews: new TariffPreviews({ tariffs: new ScopedTariffs(repos), series: repos.priceSeries }),
    priceSeriesEdits: new PriceSeriesEdits({
      priceSeries: repos.priceSeries,
      scoped: new ScopedPriceSeries(repos),
      writer,
      clock,
      audit,
    }),
    tariffEdits: new TariffEdits({
      tariffs: repos.tariffs,
      scoped: new ScopedTariffs(repos),
      series: new ScopedPriceSeries(repos),
      writer,
      clock,
      audit,
    }),
    // caps
    sessionCaps: new SessionCaps({
      clock,
      bus,
      writer,
      audit,
      sessions: repos.cappedSessions,
      ...deps.sessionCaps,
    }),
    // policies
    policyEdits: new PolicyEdits({
      policies: repos.accessPolicies,
      scoped: new ScopedPolicies(repos),
      facts: repos.accessFacts,
      tokens: repos.tokens,
      people: repos.people,
      groups: repos.groups,
      sites: repos.sites,
      chargers: repos.chargers,
      writer,
      clock,
      audit,
      accessChanges,
    }),
    accessCheck: new AccessCheck({ chargers: repos.chargers, access }),
    // driver pages
    driverSignIn: new DriverSignIn({
      accounts: repos.driverAccounts,
      writer,
      clock,
      log: deps.log,
      mailer: deps.mailer,
    }),
    driverAccounts: new DriverAccounts({
      accounts: repos.driverAccounts,
      costs: sessionCosts,
      tokenEdits,
      writer,
      clock,
    }),
    driverPlans: new DriverPlans({
      bus,
      log: deps.log,
      transactions: repos.transactions,
      tokens: repos.tokens,
      accounts: repos.driverAccounts,
      facts: repos.accessFacts,
      departures,
    }),
    driverPrices: new DriverPrices({
      access,
      sessionTariffs,
      tariffs: repos.tariffs,
      facts: repos.accessFacts,
      clock,
    }),
  }
}
