-- Invoices (issue 11 scope 6): seller billing profiles, buyer details, invoices and credit notes with a
-- gapless number per seller, the CDR each line bills (once), payments, reminders and billing runs; CDRs
-- learn who pays them and their generation (a correction is a credit CDR and a new one).
CREATE TABLE `billing_profiles` (
	`organization_id` text PRIMARY KEY NOT NULL,
	`legal_name` text NOT NULL,
	`company_number` text,
	`vat_number` text,
	`address_lines` text NOT NULL,
	`country` text NOT NULL,
	`email` text,
	`bankgiro` text,
	`iban` text,
	`payment_terms_days` integer NOT NULL,
	`invoice_prefix` text NOT NULL,
	`language` text NOT NULL,
	`currency` text NOT NULL,
	`time_zone` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `billing_runs` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`period_start` text NOT NULL,
	`period_end` text NOT NULL,
	`started_at` integer NOT NULL,
	`finished_at` integer NOT NULL,
	`outcome` text NOT NULL,
	`invoices` integer NOT NULL,
	`report` text NOT NULL,
	`started_by` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `billing_runs_by_org` ON `billing_runs` (`organization_id`,`started_at`);--> statement-breakpoint
CREATE TABLE `buyer_details` (
	`buyer_kind` text NOT NULL,
	`buyer_id` text NOT NULL,
	`organization_id` text NOT NULL,
	`address_lines` text NOT NULL,
	`country` text NOT NULL,
	`vat_number` text,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`buyer_kind`, `buyer_id`)
);
--> statement-breakpoint
CREATE TABLE `invoice_cdrs` (
	`cdr_id` text PRIMARY KEY NOT NULL,
	`invoice_id` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `invoice_cdrs_by_invoice` ON `invoice_cdrs` (`invoice_id`);--> statement-breakpoint
CREATE TABLE `invoice_payments` (
	`id` text PRIMARY KEY NOT NULL,
	`invoice_id` text NOT NULL,
	`paid_on` text NOT NULL,
	`amount` text NOT NULL,
	`amount_minor` integer NOT NULL,
	`recorded_by` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `invoice_payments_by_invoice` ON `invoice_payments` (`invoice_id`);--> statement-breakpoint
CREATE TABLE `invoice_reminders` (
	`invoice_id` text NOT NULL,
	`sent_at` integer NOT NULL,
	`sent_by` text NOT NULL,
	PRIMARY KEY(`invoice_id`, `sent_at`)
);
--> statement-breakpoint
CREATE TABLE `invoice_sequences` (
	`organization_id` text PRIMARY KEY NOT NULL,
	`last` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `invoices` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`kind` text NOT NULL,
	`seq` integer NOT NULL,
	`number` text NOT NULL,
	`buyer_kind` text NOT NULL,
	`buyer_id` text NOT NULL,
	`period_start` text NOT NULL,
	`period_end` text NOT NULL,
	`issued_on` text NOT NULL,
	`due_on` text NOT NULL,
	`currency` text NOT NULL,
	`total_to_pay` text NOT NULL,
	`total_minor` integer NOT NULL,
	`credits_invoice_id` text,
	`run_id` text,
	`body` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invoices_by_number` ON `invoices` (`organization_id`,`seq`);--> statement-breakpoint
CREATE UNIQUE INDEX `invoices_once_per_period` ON `invoices` (`organization_id`,`buyer_kind`,`buyer_id`,`period_start`) WHERE "invoices"."kind" = 'invoice';--> statement-breakpoint
CREATE UNIQUE INDEX `invoices_credited_once` ON `invoices` (`credits_invoice_id`);--> statement-breakpoint
CREATE INDEX `invoices_by_org` ON `invoices` (`organization_id`,`period_start`);--> statement-breakpoint
DROP INDEX `cdrs_by_transaction`;--> statement-breakpoint
ALTER TABLE `cdrs` ADD `generation` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `cdrs` ADD `credits` text;--> statement-breakpoint
ALTER TABLE `cdrs` ADD `payer_kind` text;--> statement-breakpoint
ALTER TABLE `cdrs` ADD `payer_id` text;--> statement-breakpoint
ALTER TABLE `cdrs` ADD `cost_centre` text;--> statement-breakpoint
CREATE INDEX `cdrs_by_payer` ON `cdrs` (`payer_kind`,`payer_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `cdrs_by_transaction` ON `cdrs` (`transaction_id`,`generation`);--> statement-breakpoint
-- hand-written below
-- Who pays each CDR already written, from its token as it is now: a business account (the token's, or
-- the driver's with the driver's cost centre), else a household (the token's, or the driver's), else the
-- driver. CDRs are immutable, so the trigger steps aside for this one fix and comes back.
DROP TRIGGER `cdrs_immutable`;--> statement-breakpoint
UPDATE `cdrs` SET
	`payer_kind` = (
		SELECT CASE
			WHEN t.business_account_id IS NOT NULL OR d.business_account_id IS NOT NULL THEN 'businessAccount'
			WHEN t.household_id IS NOT NULL OR d.household_id IS NOT NULL THEN 'household'
			WHEN d.id IS NOT NULL THEN 'driver'
		END
		FROM `tokens` t LEFT JOIN `drivers` d ON d.id = t.driver_id WHERE t.uid = `cdrs`.`id_tag`
	),
	`payer_id` = (
		SELECT COALESCE(t.business_account_id, d.business_account_id, t.household_id, d.household_id, d.id)
		FROM `tokens` t LEFT JOIN `drivers` d ON d.id = t.driver_id WHERE t.uid = `cdrs`.`id_tag`
	),
	`cost_centre` = (
		SELECT CASE WHEN t.business_account_id IS NULL THEN d.cost_centre END
		FROM `tokens` t LEFT JOIN `drivers` d ON d.id = t.driver_id WHERE t.uid = `cdrs`.`id_tag`
	)
WHERE `id_tag` IS NOT NULL;--> statement-breakpoint
CREATE TRIGGER `cdrs_immutable` BEFORE UPDATE ON `cdrs`
BEGIN
	SELECT RAISE(ABORT, 'CDRs are immutable: correct one with a credit CDR');
END;--> statement-breakpoint
CREATE TRIGGER `invoices_immutable` BEFORE UPDATE ON `invoices`
BEGIN
	SELECT RAISE(ABORT, 'invoices are immutable: credit one with a credit note');
END;--> statement-breakpoint
CREATE TRIGGER `invoices_kept` BEFORE DELETE ON `invoices`
BEGIN
	SELECT RAISE(ABORT, 'invoices are kept: credit one with a credit note');
END;--> statement-breakpoint
CREATE TRIGGER `invoice_cdrs_immutable` BEFORE UPDATE ON `invoice_cdrs`
BEGIN
	SELECT RAISE(ABORT, 'an invoiced CDR stays on its invoice');
END;--> statement-breakpoint
CREATE TRIGGER `invoice_cdrs_kept` BEFORE DELETE ON `invoice_cdrs`
BEGIN
	SELECT RAISE(ABORT, 'an invoiced CDR stays on its invoice');
END;--> statement-breakpoint
CREATE TRIGGER `invoice_payments_kept` BEFORE DELETE ON `invoice_payments`
BEGIN
	SELECT RAISE(ABORT, 'payments are kept');
END;
