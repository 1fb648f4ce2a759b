import { type RulesetDefinition, Spectral } from "@stoplight/spectral-core";
import { oas } from "@stoplight/spectral-rulesets";

export interface LintFinding {
  code: string;
  /** 0 error, 1 warning, 2 information, 3 hint (Spectral's DiagnosticSeverity). */
  severity: number;
  message: string;
  path: string;
}

/** Lints an OpenAPI document (as served) with Spectral's built-in `spectral:oas` ruleset (recommended rules). */
export async function lintOpenApi(doc: unknown): Promise<LintFinding[]> {
  const spectral = new Spectral();
  // The package's own ruleset object is typed loosely (aliases); it is a valid ruleset definition.
  spectral.setRuleset({ extends: [[oas as unknown as RulesetDefinition, "recommended"]] });
  const results = await spectral.run(JSON.stringify(doc, null, 2));
  return results.map((r) => ({
    code: String(r.code),
    severity: r.severity,
    message: r.message,
    path: r.path.join("."),
  }));
}
