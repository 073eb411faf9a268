-- Samples stay stored once by their content, now by a trigger instead of the unique index of 0002: its
-- entries held all nine values (about 75 bytes instead of 25), which cost +27 % WAL bytes and +48 %
-- pages per MeterValues (`npm run bench:meter-storage`). The trigger finds a sample's twins through the
-- narrow index of 0000 (charger and time first) and compares the same nine values, a missing attribute
-- equal to an empty one. The unique index leaves no duplicates behind, so there is nothing to remove.
DROP INDEX `meter_values_content`;--> statement-breakpoint
CREATE INDEX `meter_values_by_charger` ON `meter_values` (`charger_id`,`sampled_at`);--> statement-breakpoint
CREATE TRIGGER `meter_values_once` BEFORE INSERT ON `meter_values`
BEGIN
	SELECT RAISE(IGNORE) WHERE EXISTS (
		SELECT 1 FROM `meter_values` AS `m`
		WHERE `m`.`charger_id` = NEW.`charger_id` AND `m`.`sampled_at` = NEW.`sampled_at`
			AND `m`.`evse_id` = NEW.`evse_id` AND `m`.`measurand` = NEW.`measurand`
			AND coalesce(`m`.`phase`, '') = coalesce(NEW.`phase`, '')
			AND coalesce(`m`.`location`, '') = coalesce(NEW.`location`, '')
			AND coalesce(`m`.`context`, '') = coalesce(NEW.`context`, '')
			AND coalesce(`m`.`unit`, '') = coalesce(NEW.`unit`, '')
			AND `m`.`raw` = NEW.`raw`
	);
END;
