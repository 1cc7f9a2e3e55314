// Snapshots: verified emergency copies of zones.
