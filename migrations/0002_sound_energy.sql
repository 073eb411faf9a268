-- Samples are stored once by their content. Duplicates stored before (a MeterValues retried after a
-- reconnect) are removed first, keeping the oldest row. The index's expressions are written by hand:
-- drizzle-kit splits `coalesce(x, '')` at its comma.
DELETE FROM `meter_values` WHERE `id` NOT IN (
	SELECT min(`id`) FROM `meter_values`
	GROUP BY `charger_id`, `sampled_at`, `evse_id`, `measurand`, coalesce(`phase`, ''), coalesce(`location`, ''),
		coalesce(`context`, ''), coalesce(`unit`, ''), `raw`
);--> statement-breakpoint
DROP INDEX `meter_values_by_charger`;--> statement-breakpoint
CREATE UNIQUE INDEX `meter_values_content` ON `meter_values` (`charger_id`,`sampled_at`,`evse_id`,`measurand`,coalesce(`phase`, ''),coalesce(`location`, ''),coalesce(`context`, ''),coalesce(`unit`, ''),`raw`);--> statement-breakpoint
ALTER TABLE `transactions` ADD `meter_start_rank` integer;--> statement-breakpoint
ALTER TABLE `transactions` ADD `last_meter_rank` integer;--> statement-breakpoint
ALTER TABLE `transactions` ADD `meter_flags` text;--> statement-breakpoint
-- An OCPP 1.6 start stored its meterStart without a time (the defect that let the first periodic
-- sample replace it): it is the start message's own reading, taken when the transaction started.
UPDATE `transactions` SET `meter_start_at` = `started_at`, `meter_start_rank` = 2
WHERE `meter_start_wh` IS NOT NULL AND `meter_start_at` IS NULL;
