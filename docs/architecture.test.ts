import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * ARCHITECTURE.md's annotated tree must keep up with the code: every folder of the pure domain package
 * and every server module has a line in it. A new folder or module without one fails here.
 */
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const doc = readFileSync(join(root, "docs/ARCHITECTURE.md"), "utf8");
const tree = doc.slice(doc.indexOf("## Annotated tree"), doc.indexOf("## Data flow"));
const folders = (dir: string) =>
  readdirSync(join(root, dir), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();

describe("docs/ARCHITECTURE.md annotated tree", () => {
  it("has a tree section", () => {
    expect(tree.length).toBeGreaterThan(1000);
  });

  it.each(folders("packages/domain/src"))("names the domain folder %s/", (name) => {
    expect(tree).toMatch(new RegExp(`(^|[\\s/])${name}/`, "m"));
  });

  it.each(folders("apps/server/src/modules"))("names the server module %s/", (name) => {
    expect(tree).toMatch(new RegExp(`(^|[\\s/])${name}/`, "m"));
  });

  it.each(readdirSync(join(root, "packages/contracts/src")).filter((f) => f.endsWith(".ts")))(
    "names the contracts file %s",
    (file) => {
      expect(tree).toContain(file);
    },
  );
});
