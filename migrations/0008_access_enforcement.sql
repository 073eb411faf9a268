CREATE TABLE `access_refusals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organization_id` text NOT NULL,
	`charger_id` text NOT NULL,
	`evse_id` integer,
	`id_token` text NOT NULL,
	`purpose` text NOT NULL,
	`status` text NOT NULL,
	`decided_by` text NOT NULL,
	`policy_id` text,
	`explanation` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `access_refusals_by_charger` ON `access_refusals` (`charger_id`,`at`);--> statement-breakpoint
CREATE INDEX `access_refusals_by_org` ON `access_refusals` (`organization_id`,`at`);--> statement-breakpoint
ALTER TABLE `local_lists` ADD `pending_version` integer;--> statement-breakpoint
ALTER TABLE `local_lists` ADD `dropped` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `local_lists` ADD `next_change_at` integer;--> statement-breakpoint
ALTER TABLE `transactions` ADD `stop_by` integer;