import { versionedDefinitionTable } from "./columns";

/**
 * Assessment instruments as versioned data (packages/db/instruments/*.json), loaded at start.
 * Every version ever loaded stays, because an assessment keeps the version it was taken with;
 * `current` marks the versions present in the files now.
 */
export const instruments = versionedDefinitionTable("instruments");
