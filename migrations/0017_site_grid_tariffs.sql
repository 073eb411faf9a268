CREATE TABLE `site_grid_tariffs` (
	`site_id` text PRIMARY KEY NOT NULL,
	`currency` text NOT NULL,
	`energy_source` text NOT NULL,
	`fixed_price_per_kwh` text,
	`spot_series_id` text,
	`energy_fee_per_kwh` text NOT NULL,
	`effect_fee_per_kw` text NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE cascade
);
