-- Online counts and the online/offline filter of the chargers list, in id order.
CREATE INDEX `chargers_by_online` ON `chargers` (`online`,`id`);
--> statement-breakpoint
-- Substring search over charger ids and labels: an FTS5 trigram index over the chargers table
-- (external content, keyed by its rowid), kept in step by the triggers below. drizzle-kit cannot
-- declare virtual tables, so this is a custom migration. If it ever drifts, rebuild it with
-- INSERT INTO chargers_search(chargers_search) VALUES ('rebuild').
CREATE VIRTUAL TABLE `chargers_search` USING fts5(
	`id`, `label`, content='chargers', content_rowid='rowid', tokenize='trigram'
);
--> statement-breakpoint
INSERT INTO `chargers_search`(`chargers_search`) VALUES ('rebuild');
--> statement-breakpoint
CREATE TRIGGER `chargers_search_insert` AFTER INSERT ON `chargers` BEGIN
	INSERT INTO `chargers_search`(`rowid`, `id`, `label`) VALUES (new.rowid, new.id, new.label);
END;
--> statement-breakpoint
CREATE TRIGGER `chargers_search_delete` AFTER DELETE ON `chargers` BEGIN
	INSERT INTO `chargers_search`(`chargers_search`, `rowid`, `id`, `label`)
	VALUES ('delete', old.rowid, old.id, old.label);
END;
--> statement-breakpoint
CREATE TRIGGER `chargers_search_update` AFTER UPDATE OF `id`, `label` ON `chargers` BEGIN
	INSERT INTO `chargers_search`(`chargers_search`, `rowid`, `id`, `label`)
	VALUES ('delete', old.rowid, old.id, old.label);
	INSERT INTO `chargers_search`(`rowid`, `id`, `label`) VALUES (new.rowid, new.id, new.label);
END;
