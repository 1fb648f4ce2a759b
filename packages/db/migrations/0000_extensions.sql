-- Extensions and guards that drizzle-kit does not express. Runs on PostgreSQL 15/18 and PGlite.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
