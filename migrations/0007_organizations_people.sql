CREATE TABLE `access_policies` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`name` text NOT NULL,
	`position` integer NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`effect` text NOT NULL,
	`who_kind` text NOT NULL,
	`who_id` text,
	`where_kind` text NOT NULL,
	`where_id` text NOT NULL,
	`where_sub` text,
	`windows` text NOT NULL,
	`valid_from` integer,
	`valid_until` integer,
	`holidays` text DEFAULT 'ignore' NOT NULL,
	`price_group` text,
	`priority_tier` integer,
	`monthly_kwh_budget` text,
	`max_session_minutes` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `access_policies_by_org` ON `access_policies` (`organization_id`,`position`);--> statement-breakpoint
CREATE TABLE `local_list_entries` (
	`charger_id` text NOT NULL,
	`id_tag` text NOT NULL,
	`status` text NOT NULL,
	`expires_at` integer,
	`group_id` text,
	PRIMARY KEY(`charger_id`, `id_tag`)
);
--> statement-breakpoint
CREATE TABLE `local_lists` (
	`charger_id` text PRIMARY KEY NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`max_entries` integer,
	`wanted_hash` text,
	`sent_hash` text,
	`sent_at` integer,
	`last_status` text,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `account_links` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`email` text NOT NULL,
	`operator_id` integer,
	`organization_id` text,
	`role_id` text,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer
);
--> statement-breakpoint
CREATE INDEX `account_links_by_email` ON `account_links` (`email`);--> statement-breakpoint
CREATE TABLE `api_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`name` text NOT NULL,
	`secret_hash` text NOT NULL,
	`permissions` text NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`last_used_at` integer,
	`revoked_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_by_secret` ON `api_keys` (`secret_hash`);--> statement-breakpoint
CREATE INDEX `api_keys_by_org` ON `api_keys` (`organization_id`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organization_id` text NOT NULL,
	`at` integer NOT NULL,
	`actor_kind` text NOT NULL,
	`actor_id` text,
	`actor_label` text NOT NULL,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`before` text,
	`after` text
);
--> statement-breakpoint
CREATE INDEX `audit_log_by_org` ON `audit_log` (`organization_id`,`at`);--> statement-breakpoint
CREATE TABLE `memberships` (
	`operator_id` integer NOT NULL,
	`organization_id` text NOT NULL,
	`role_id` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`operator_id`, `organization_id`)
);
--> statement-breakpoint
CREATE INDEX `memberships_by_org` ON `memberships` (`organization_id`);--> statement-breakpoint
CREATE TABLE `organizations` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`parent_id` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `organizations_by_parent` ON `organizations` (`parent_id`);--> statement-breakpoint
CREATE TABLE `roles` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`name` text NOT NULL,
	`permissions` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `business_accounts` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`name` text NOT NULL,
	`company_number` text,
	`billing_email` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `business_accounts_by_org` ON `business_accounts` (`organization_id`,`name`);--> statement-breakpoint
CREATE TABLE `cost_centres` (
	`business_account_id` text NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	PRIMARY KEY(`business_account_id`, `code`)
);
--> statement-breakpoint
CREATE TABLE `drivers` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`name` text NOT NULL,
	`email` text,
	`phone` text,
	`language` text,
	`household_id` text,
	`business_account_id` text,
	`cost_centre` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `drivers_by_org` ON `drivers` (`organization_id`,`name`);--> statement-breakpoint
CREATE INDEX `drivers_by_household` ON `drivers` (`household_id`);--> statement-breakpoint
CREATE INDEX `drivers_by_business` ON `drivers` (`business_account_id`);--> statement-breakpoint
CREATE TABLE `group_members` (
	`group_id` text NOT NULL,
	`member_kind` text NOT NULL,
	`member_id` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`group_id`, `member_kind`, `member_id`)
);
--> statement-breakpoint
CREATE INDEX `group_members_by_member` ON `group_members` (`member_kind`,`member_id`);--> statement-breakpoint
CREATE TABLE `groups` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `groups_by_name` ON `groups` (`organization_id`,`name`);--> statement-breakpoint
CREATE TABLE `households` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`site_id` text,
	`apartment` text NOT NULL,
	`parking_space` text,
	`name` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `households_by_apartment` ON `households` (`organization_id`,`apartment`);--> statement-breakpoint
ALTER TABLE `chargers` ADD `organization_id` text DEFAULT 'platform' NOT NULL;--> statement-breakpoint
CREATE INDEX `chargers_by_org` ON `chargers` (`organization_id`,`id`);--> statement-breakpoint
ALTER TABLE `operator_sessions` ADD `last_seen_at` integer;--> statement-breakpoint
ALTER TABLE `operator_sessions` ADD `user_agent` text;--> statement-breakpoint
ALTER TABLE `operator_sessions` ADD `address` text;--> statement-breakpoint
ALTER TABLE `operators` ADD `name` text;--> statement-breakpoint
ALTER TABLE `operators` ADD `sessions_valid_from` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `operators` ADD `disabled_at` integer;--> statement-breakpoint
ALTER TABLE `sites` ADD `organization_id` text DEFAULT 'platform' NOT NULL;--> statement-breakpoint
ALTER TABLE `sites` ADD `time_zone` text DEFAULT 'Europe/Stockholm' NOT NULL;--> statement-breakpoint
ALTER TABLE `sites` ADD `access_default` text DEFAULT 'allowAccepted' NOT NULL;--> statement-breakpoint
ALTER TABLE `sites` ADD `holidays` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
CREATE INDEX `sites_by_org` ON `sites` (`organization_id`);--> statement-breakpoint
ALTER TABLE `tokens` ADD `organization_id` text DEFAULT 'platform' NOT NULL;--> statement-breakpoint
ALTER TABLE `tokens` ADD `driver_id` text;--> statement-breakpoint
ALTER TABLE `tokens` ADD `household_id` text;--> statement-breakpoint
ALTER TABLE `tokens` ADD `business_account_id` text;--> statement-breakpoint
CREATE INDEX `tokens_by_org` ON `tokens` (`organization_id`,`uid`);--> statement-breakpoint
CREATE INDEX `tokens_by_driver` ON `tokens` (`driver_id`);--> statement-breakpoint
ALTER TABLE `transactions` ADD `organization_id` text DEFAULT 'platform' NOT NULL;--> statement-breakpoint
ALTER TABLE `transactions` ADD `access_policy_id` text;--> statement-breakpoint
ALTER TABLE `transactions` ADD `price_group` text;--> statement-breakpoint
ALTER TABLE `transactions` ADD `priority_tier` integer;--> statement-breakpoint
INSERT INTO `organizations` (`id`, `name`, `kind`, `parent_id`, `created_at`, `updated_at`) VALUES ('platform', 'Operator', 'platform', NULL, CAST(strftime('%s', 'now') AS INTEGER) * 1000, CAST(strftime('%s', 'now') AS INTEGER) * 1000);--> statement-breakpoint
INSERT INTO `memberships` (`operator_id`, `organization_id`, `role_id`, `created_at`) SELECT `id`, 'platform', 'platform-admin', `created_at` FROM `operators`;
