CREATE TABLE `charging_states` (
	`transaction_id` integer NOT NULL,
	`at` integer NOT NULL,
	`state` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `charging_states_by_tx` ON `charging_states` (`transaction_id`,`at`);