ALTER TABLE `site_load` ADD `meter_gap_s` real DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `site_load` ADD `step_l1_a` real DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `site_load` ADD `step_l2_a` real DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `site_load` ADD `step_l3_a` real DEFAULT 0 NOT NULL;