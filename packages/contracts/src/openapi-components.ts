import { z } from "zod";
import { AssessmentDetail } from "./assessment";
import { Me } from "./auth";
import { ErrorResponse } from "./common";
import { DemandDetail } from "./demand";
import { AssessmentSummary, DiagnosisDetail } from "./diagnosis";
import { EnterpriseDetail } from "./enterprise";
import { EventDetail } from "./event";
import { ExpertDrawDetail, ExpertItem } from "./expert";
import { Condition, ConditionResult, PolicyEvaluation } from "./policy";
import { AwardDetail, PaymentResult } from "./policy-api";
import { CoordinationTask, ProjectDetail, ProjectReview } from "./project";
import { PoolApplicationDetail, ProviderDetail, ProviderEvaluation } from "./provider";
import { SolutionItem } from "./solution";
import { UserItem } from "./user";

/**
 * Schemas that the OpenAPI document shows as named components (`#/components/schemas/<id>`; request
 * bodies get `<id>Input`): the error shape, the recursive condition trees (they cannot be inlined)
 * and the answers many operations share. Registered here, in one place, so the schema files keep
 * their shape; fastify-type-provider-zod's transforms turn the registry into components.
 */
const COMPONENTS: Record<string, z.ZodType> = {
  ErrorResponse,
  PolicyCondition: Condition,
  ConditionResult,
  PolicyEvaluation,
  AwardDetail,
  PaymentResult,
  ProjectDetail,
  ProjectReview,
  CoordinationTask,
  AssessmentDetail,
  AssessmentSummary,
  DiagnosisDetail,
  EnterpriseDetail,
  EventDetail,
  DemandDetail,
  ExpertItem,
  ExpertDrawDetail,
  PoolApplicationDetail,
  ProviderDetail,
  ProviderEvaluation,
  SolutionItem,
  Me,
  UserItem,
};

for (const [id, schema] of Object.entries(COMPONENTS)) {
  // Keep any metadata the schema already has (description); add the component id.
  z.globalRegistry.add(schema, { ...z.globalRegistry.get(schema), id });
}
