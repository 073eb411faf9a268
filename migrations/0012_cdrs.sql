-- Charge detail records (issue 11): one per finished session, immutable (triggers refuse an update
-- or a delete), unique per transaction so writing one twice keeps the first.
CREATE TABLE `cdrs` (
	`id` text PRIMARY KEY NOT NULL,
	`transaction_id` integer NOT NULL,
	`organization_id` text NOT NULL,
	`charger_id` text NOT NULL,
	`evse_id` integer NOT NULL,
	`id_tag` text,
	`started_at` integer NOT NULL,
	`ended_at` integer NOT NULL,
	`tariff_id` text,
	`tariff_version` integer,
	`currency` text,
	`total_excl_vat` text NOT NULL,
	`total_incl_vat` text,
	`energy_wh` real NOT NULL,
	`flags` text NOT NULL,
	`body` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cdrs_by_transaction` ON `cdrs` (`transaction_id`);--> statement-breakpoint
CREATE INDEX `cdrs_by_org` ON `cdrs` (`organization_id`,`ended_at`);--> statement-breakpoint
CREATE TRIGGER `cdrs_immutable` BEFORE UPDATE ON `cdrs`
BEGIN
	SELECT RAISE(ABORT, 'CDRs are immutable: correct one with a credit CDR');
END;--> statement-breakpoint
CREATE TRIGGER `cdrs_kept` BEFORE DELETE ON `cdrs`
BEGIN
	SELECT RAISE(ABORT, 'CDRs are kept: correct one with a credit CDR');
END;
