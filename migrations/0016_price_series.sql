CREATE TABLE `price_series` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`name` text NOT NULL,
	`currency` text NOT NULL,
	`slot_minutes` integer NOT NULL,
	`zone` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `price_series_by_org` ON `price_series` (`organization_id`,`name`);--> statement-breakpoint
CREATE TABLE `price_slot_revisions` (
	`series_id` text NOT NULL,
	`from_ms` integer NOT NULL,
	`revision` integer NOT NULL,
	`price_per_kwh` text NOT NULL,
	`replaced_at` integer NOT NULL,
	`replaced_by` text NOT NULL,
	PRIMARY KEY(`series_id`, `from_ms`, `revision`)
);
--> statement-breakpoint
CREATE TABLE `price_slots` (
	`series_id` text NOT NULL,
	`from_ms` integer NOT NULL,
	`to_ms` integer NOT NULL,
	`price_per_kwh` text NOT NULL,
	`revision` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `price_slots_by_series` ON `price_slots` (`series_id`,`from_ms`);