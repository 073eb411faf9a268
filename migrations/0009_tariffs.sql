-- Tariffs (issue 11): a tariff per organization, its immutable versions (the OCPI Tariff JSON and
-- the rounding policy; triggers refuse an update or a delete), the price groups that name them, and
-- the version a transaction is priced under.
CREATE TABLE `price_groups` (
	`organization_id` text NOT NULL,
	`name` text NOT NULL,
	`tariff_id` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `price_groups_by_name` ON `price_groups` (`organization_id`,`name`);--> statement-breakpoint
CREATE INDEX `price_groups_by_tariff` ON `price_groups` (`tariff_id`);--> statement-breakpoint
CREATE TABLE `tariff_versions` (
	`tariff_id` text NOT NULL,
	`version` integer NOT NULL,
	`body` text NOT NULL,
	`rounding` text NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text NOT NULL,
	PRIMARY KEY(`tariff_id`, `version`)
);
--> statement-breakpoint
CREATE TABLE `tariffs` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`name` text NOT NULL,
	`current_version` integer NOT NULL,
	`archived_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `tariffs_by_org` ON `tariffs` (`organization_id`,`name`);--> statement-breakpoint
ALTER TABLE `transactions` ADD `tariff_id` text;--> statement-breakpoint
ALTER TABLE `transactions` ADD `tariff_version` integer;--> statement-breakpoint
CREATE TRIGGER `tariff_versions_immutable` BEFORE UPDATE ON `tariff_versions`
BEGIN
	SELECT RAISE(ABORT, 'tariff versions are immutable: write a new version');
END;--> statement-breakpoint
CREATE TRIGGER `tariff_versions_kept` BEFORE DELETE ON `tariff_versions`
BEGIN
	SELECT RAISE(ABORT, 'tariff versions are kept: sessions are priced under them');
END;
