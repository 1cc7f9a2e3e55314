// Restore: putting a verified snapshot into service in a recursive resolver.
