import type { SubsidyPreview } from "@dxcenter/contracts";
import type { Database, Executor } from "@dxcenter/db";
import {
  type Actor,
  evaluateAll,
  FACT_CATALOGUE,
  type FactSubject,
  type FactValue,
  formatFactValue,
  planTranches,
  projectFacts,
} from "@dxcenter/domain";
import { priorAwardsOf } from "../policies/calculator.service";
import { buildEnterpriseFacts, type FactOrigin } from "../policies/enterprise-facts";
import { currentPolicies, shanghaiToday } from "../policies/policy.repository";
import { findProjectRow, type ProjectRow } from "./project.queries";

/** What the policies grant a project: its facts (enterprise + application), every project policy evaluated. */

export async function evaluateProject(
  db: Executor,
  row: ProjectRow,
  today: string,
  choices?: Record<string, string>,
) {
  const p = row.p;
  const [built, defs, prior] = await Promise.all([
    buildEnterpriseFacts(db, p.enterpriseId),
    currentPolicies(db),
    priorAwardsOf(db, p.enterpriseId),
  ]);
  const pFacts = projectFacts({
    type: p.type,
    status: p.status,
    totalInvestmentFen: p.totalInvestmentFen,
    equipmentInvestmentFen: p.equipmentInvestmentFen,
    softwareInvestmentFen: p.softwareInvestmentFen,
    approvedEquipmentInvestmentFen: p.approvedEquipmentFen,
    investmentCompletedFen: p.investmentCompletedFen,
    loanPrincipalFen: p.loanPrincipalFen,
    loanMonths: p.loanMonths,
    cityDemonstration: p.cityDemonstration,
    reloanSupported: p.reloanSupported,
    plannedStartDate: p.plannedStartDate,
    plannedFinishDate: p.plannedFinishDate,
    startedOn: p.startedOn,
    finishedOn: p.finishedOn,
  });
  const facts: Record<string, FactValue> = { ...(built?.facts ?? {}), ...pFacts };
  const projectDefs = defs.filter((d) => d.beneficiary === "project");
  // This project's own award (if re-evaluated after approval) must not exclude itself.
  const others = prior.filter((a) => a.projectId !== p.id);
  const all = evaluateAll(projectDefs, facts, {
    today,
    priorAwards: others,
    projectId: p.id,
    ...(choices ? { choices } : {}),
  });
  return { all, facts, projectDefs, origins: built?.origins ?? {} };
}

/** The engine's default: the granted policy with the largest amount. */
export function defaultPolicy(all: ReturnType<typeof evaluateAll>) {
  let best: (typeof all.results)[number] | null = null;
  for (const r of all.results) if (r.granted && (!best || r.grantedFen > best.grantedFen)) best = r;
  return best;
}

type PreviewFactSource = Pick<SubsidyPreview["facts"][number], "source" | "sourceText">;

/**
 * Where a preview fact comes from: the application, the enterprise's latest submitted assessment, or
 * the registry (buildEnterpriseFacts records no other origin; a fact without one is the registry's).
 */
function factSource(subject: FactSubject, origin: FactOrigin | undefined): PreviewFactSource {
  if (subject === "project") return { source: "project", sourceText: "项目申报" };
  if (origin?.source === "assessment") return { source: "assessment", sourceText: origin.sourceText };
  return { source: "registry", sourceText: "企业库" };
}

export async function subsidyPreview(
  db: Database,
  actor: Actor,
  id: string,
  today = shanghaiToday(),
): Promise<SubsidyPreview> {
  const row = await findProjectRow(db, actor, id);
  const { all, facts, origins } = await evaluateProject(db, row, today);
  const best = defaultPolicy(all);
  return {
    today,
    facts: FACT_CATALOGUE.filter((f) => facts[f.id] !== undefined).map((f) => ({
      fact: f.id,
      label: f.label,
      display: formatFactValue(f, facts[f.id]!),
      ...factSource(f.subject, origins[f.id]),
    })),
    // The engine's readonly result types vs the contract's mutable arrays (same shape).
    results: all.results as SubsidyPreview["results"],
    defaultPolicyId: best?.evaluation.policyId ?? null,
    tranchePlan: best ? planTranches(best.grantedFen) : [],
  };
}
