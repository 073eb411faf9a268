CREATE TABLE `charger_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`charger_id` text NOT NULL,
	`at` integer NOT NULL,
	`kind` text NOT NULL,
	`payload` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `charger_events_by_charger` ON `charger_events` (`charger_id`,`at`);--> statement-breakpoint
CREATE TABLE `chargers` (
	`id` text PRIMARY KEY NOT NULL,
	`label` text,
	`registration` text DEFAULT 'Accepted' NOT NULL,
	`password_hash` text,
	`protocol` text,
	`vendor` text,
	`model` text,
	`serial_number` text,
	`firmware_version` text,
	`iccid` text,
	`imsi` text,
	`meter_type` text,
	`meter_serial_number` text,
	`online` integer DEFAULT false NOT NULL,
	`node_id` text,
	`last_boot_at` integer,
	`last_seen_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `connectors` (
	`charger_id` text NOT NULL,
	`evse_id` integer NOT NULL,
	`connector_id` integer NOT NULL,
	`status` text NOT NULL,
	`error_code` text,
	`info` text,
	`vendor_id` text,
	`vendor_error_code` text,
	`status_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`charger_id`, `evse_id`, `connector_id`),
	FOREIGN KEY (`charger_id`) REFERENCES `chargers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `charging_needs` (
	`charger_id` text NOT NULL,
	`evse_id` integer NOT NULL,
	`received_at` integer NOT NULL,
	`departure_at` integer,
	`energy_wh` real,
	`min_current_a` real,
	`max_current_a` real,
	`transfer_mode` text NOT NULL,
	`payload` text NOT NULL,
	PRIMARY KEY(`charger_id`, `evse_id`)
);
--> statement-breakpoint
CREATE TABLE `device_variables` (
	`charger_id` text NOT NULL,
	`component` text NOT NULL,
	`component_instance` text DEFAULT '' NOT NULL,
	`evse_id` integer DEFAULT -1 NOT NULL,
	`connector_id` integer DEFAULT -1 NOT NULL,
	`variable` text NOT NULL,
	`variable_instance` text DEFAULT '' NOT NULL,
	`attribute_type` text DEFAULT 'Actual' NOT NULL,
	`value` text,
	`mutability` text,
	`data_type` text,
	`unit` text,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`charger_id`, `component`, `component_instance`, `evse_id`, `connector_id`, `variable`, `variable_instance`, `attribute_type`)
);
--> statement-breakpoint
CREATE TABLE `reservations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`charger_id` text NOT NULL,
	`evse_id` integer,
	`id_tag` text NOT NULL,
	`expires_at` integer NOT NULL,
	`status` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `reservations_by_charger` ON `reservations` (`charger_id`,`status`);--> statement-breakpoint
CREATE TABLE `operator_sessions` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`operator_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`operator_id`) REFERENCES `operators`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `operator_sessions_by_expiry` ON `operator_sessions` (`expires_at`);--> statement-breakpoint
CREATE TABLE `operators` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`password_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_login_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `operators_email_unique` ON `operators` (`email`);--> statement-breakpoint
CREATE TABLE `site_circuits` (
	`site_id` text NOT NULL,
	`id` text NOT NULL,
	`name` text NOT NULL,
	`parent_id` text,
	`limit_a` real NOT NULL,
	PRIMARY KEY(`site_id`, `id`),
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `site_connectors` (
	`charger_id` text NOT NULL,
	`evse_id` integer NOT NULL,
	`site_id` text NOT NULL,
	`circuit_id` text,
	`max_a` real NOT NULL,
	`wiring` text NOT NULL,
	PRIMARY KEY(`charger_id`, `evse_id`),
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `site_connectors_by_site` ON `site_connectors` (`site_id`);--> statement-breakpoint
CREATE TABLE `site_load` (
	`site_id` text NOT NULL,
	`minute` integer NOT NULL,
	`l1_a` real NOT NULL,
	`l2_a` real NOT NULL,
	`l3_a` real NOT NULL,
	`ev_kw` real NOT NULL,
	`site_kw` real NOT NULL,
	PRIMARY KEY(`site_id`, `minute`)
);
--> statement-breakpoint
CREATE TABLE `sites` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`voltage_v` real DEFAULT 230 NOT NULL,
	`phases` integer DEFAULT 3 NOT NULL,
	`main_fuse_a` real NOT NULL,
	`safety_margin_a` real DEFAULT 0 NOT NULL,
	`building_max_a` real,
	`building_meter` text DEFAULT 'none' NOT NULL,
	`building_meter_charger_id` text,
	`peak_target_kw` real,
	`loop_interval_ms` integer DEFAULT 500 NOT NULL,
	`fail_safe_a` real,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `tokens` (
	`uid` text PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`status` text NOT NULL,
	`expires_at` integer,
	`parent_uid` text,
	`label` text,
	`allow_concurrent_tx` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `tokens_by_parent` ON `tokens` (`parent_uid`);--> statement-breakpoint
CREATE TABLE `meter_values` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`charger_id` text NOT NULL,
	`evse_id` integer NOT NULL,
	`transaction_id` integer,
	`sampled_at` integer NOT NULL,
	`measurand` text NOT NULL,
	`phase` text,
	`unit` text,
	`context` text,
	`location` text,
	`format` text,
	`value` real,
	`raw` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `meter_values_by_tx` ON `meter_values` (`transaction_id`,`sampled_at`);--> statement-breakpoint
CREATE INDEX `meter_values_by_charger` ON `meter_values` (`charger_id`,`sampled_at`);--> statement-breakpoint
CREATE TABLE `transaction_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`charger_id` text NOT NULL,
	`ocpp_tx_id` text NOT NULL,
	`seq_no` integer NOT NULL,
	`event_type` text NOT NULL,
	`trigger_reason` text NOT NULL,
	`at` integer NOT NULL,
	`offline` integer DEFAULT false NOT NULL,
	`received_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `transaction_events_seq` ON `transaction_events` (`charger_id`,`ocpp_tx_id`,`seq_no`);--> statement-breakpoint
CREATE TABLE `transactions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`charger_id` text NOT NULL,
	`evse_id` integer NOT NULL,
	`connector_id` integer NOT NULL,
	`ocpp_tx_id` text NOT NULL,
	`id_tag` text,
	`start_status` text,
	`reservation_id` integer,
	`started_at` integer NOT NULL,
	`meter_start_wh` real,
	`meter_start_at` integer,
	`charging_state` text,
	`remote_start_id` integer,
	`departure_at` integer,
	`energy_need_wh` real,
	`departure_source` text,
	`driver_token` text,
	`last_meter_wh` real,
	`last_meter_at` integer,
	`ended_at` integer,
	`meter_stop_wh` real,
	`energy_wh` real,
	`stop_reason` text,
	`stop_id_tag` text,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `transactions_wire_id` ON `transactions` (`charger_id`,`ocpp_tx_id`);--> statement-breakpoint
CREATE INDEX `transactions_by_charger` ON `transactions` (`charger_id`,`started_at`);--> statement-breakpoint
CREATE INDEX `transactions_open_by_tag` ON `transactions` (`id_tag`,`ended_at`);