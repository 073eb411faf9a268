CREATE TABLE `departure_plans` (
	`driver_id` text PRIMARY KEY NOT NULL,
	`days` text NOT NULL,
	`time` text NOT NULL,
	`energy_need_wh` integer,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `driver_sessions` (
	`hash` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `driver_sessions_by_email` ON `driver_sessions` (`email`);--> statement-breakpoint
CREATE TABLE `driver_sign_in_links` (
	`hash` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer
);
--> statement-breakpoint
CREATE INDEX `driver_sign_in_links_by_email` ON `driver_sign_in_links` (`email`);