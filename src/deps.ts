import type { ChargerMsg } from '@actors/charger/protocol'
import type { ActorSystem, KindHandle } from '@actors/runtime/system'
import type { Bus } from './bus/port'
import type { Config } from './config'
import type { Database } from './db/client'
import type { AccessFactsRepo } from './db/repos/access-facts'
import type { AccessPoliciesRepo } from './db/repos/access-policies'
import type { AccessRefusalsRepo } from './db/repos/access-refusals'
import type { AccountLinksRepo } from './db/repos/account-links'
import type { AccountsRepo } from './db/repos/accounts'
import type { AuditRepo } from './db/repos/audit'
import type { CappedSessionsRepo } from './db/repos/capped-sessions'
import type { CdrsRepo } from './db/repos/cdrs'
import type { ChargersRepo } from './db/repos/chargers'
import type { DeviceRepo } from './db/repos/device'
import type { DriverAccountsRepo } from './db/repos/driver-accounts'
import type { GridTariffsRepo } from './db/repos/grid-tariffs'
import type { GroupsRepo } from './db/repos/groups'
import type { InvoicesRepo } from './db/repos/invoices'
import type { LocalListsRepo } from './db/repos/local-lists'
import type { OperatorsRepo } from './db/repos/operators'
import type { OrganizationAdminRepo } from './db/repos/organization-admin'
import type { OrganizationsRepo } from './db/repos/organizations'
import type { PeopleRepo } from './db/repos/people'
import type { PriceSeriesRepo } from './db/repos/price-series'
import type { RolesRepo } from './db/repos/roles'
import type { ScopedRepos } from './db/repos/scoped'
import type { SitesRepo } from './db/repos/sites'
import type { TariffsRepo } from './db/repos/tariffs'
import type { TokensRepo } from './db/repos/tokens'
import type { TransactionsRepo } from './db/repos/transactions'
import type { DbWriter } from './db/writer'
import type { RequestPeers } from './lib/client-address'
import type { Clock } from './lib/clock'
import type { HealthSource } from './lib/health'
import type { Logger } from './lib/log'
import type { Metrics } from './lib/metrics'
import type { CommandTimeouts } from './lib/timeouts'
import type { OcppGateway } from './ocpp/gateway'
import type { Services } from './services/services'

/** The repositories, one per aggregate. */
export interface Repos {
  /** What the access evaluator's callers look up: a charger's places, token facts, usage. */
  accessFacts: AccessFactsRepo
  accessPolicies: AccessPoliciesRepo
  /** policies: refused Authorize, start and remote start requests with their explanation. */
  accessRefusals: AccessRefusalsRepo
  accounts: AccountsRepo
  audit: AuditRepo
  chargers: ChargersRepo
  device: DeviceRepo
  tokens: TokensRepo
  transactions: TransactionsRepo
  operators: OperatorsRepo
  organizations: OrganizationsRepo
  /** The tree and API keys as their admins change them. */
  organizationAdmin: OrganizationAdminRepo
  sites: SitesRepo
  /** Chargers' local lists as sent and acknowledged (local lists). */
  localLists: LocalListsRepo
  // people: drivers, households, business accounts, groups
  people: PeopleRepo
  groups: GroupsRepo
  // accounts: one-time links (invitations, password resets) and organizations' custom roles
  accountLinks: AccountLinksRepo
  roles: RolesRepo
  // tariffs: versions and price groups
  tariffs: TariffsRepo
  cdrs: CdrsRepo
  // price series: spot prices per slot a tariff can follow
  priceSeries: PriceSeriesRepo
  // billing: seller profiles, invoices, credit notes, payments, billing runs
  invoices: InvoicesRepo
  // caps: running transactions with a maximum length
  cappedSessions: CappedSessionsRepo
  // driver pages: sign-in links, driver sessions, weekly plans, the driver's own rows
  driverAccounts: DriverAccountsRepo
  /** energy margin: sites' grid tariffs and the month's charging energy, peak and CDRs. */
  gridTariffs: GridTariffsRepo
}

/**
 * Everything a node is made of, built once in `node.ts` (the composition root) and passed down. Only
 * `node.ts` creates concrete adapters; everything else receives them here.
 */
export interface Deps {
  config: Config
  clock: Clock
  log: Logger
  metrics: Metrics
  database: Database
  writer: DbWriter
  bus: Bus
  /** The unscoped repositories: for actors, services and boot; HTTP controllers use `scoped`. */
  repos: Repos
  /** The repositories as an HTTP caller sees them, limited to its scope (the only ones `src/http` uses). */
  scoped: ScopedRepos
  system: ActorSystem
  chargerActors: KindHandle<ChargerMsg>
  gateway: OcppGateway
  /** Where each request came from (peer address, trusted proxies' headers, TLS). */
  peers: RequestPeers
  /** What `/health` asks: the node answers 503 while any of these cannot do its part. */
  health: readonly HealthSource[]
  /** The command timeout budget: a command's requester waits `timeouts.requestMs`. */
  timeouts: CommandTimeouts
  /** The use cases the admin, the API and the driver pages share. */
  services: Services
}
