/**
 * Request and response schemas of the RFP and proposal routes, and their presenters.
 * Scores are shown with 2 decimals (rounded half away from zero from exact ratios); money
 * as decimal strings.
 */
import { z } from "@hono/zod-openapi";
import { ID, IsoDateSchema, Money } from "../schemas.js";
import type { Actor } from "../../app/auth/actor.js";
import { isOpen, type ProposalRow, type RfpRow } from "../../app/rfps/rfp-rows.js";
import type { Evaluation, ProposalEvaluation } from "../../app/rfps/score-proposals.js";
import type { ComparedProposal } from "../../app/rfps/compare-proposals.js";
import type { JsonProblem } from "../../core/problem.js";
import { formatCents } from "../../core/money.js";
import { formatFixed, type Ratio } from "../../core/ratio.js";
import { MAX_POINTS, PRICE_CRITERION } from "../../core/rfp/scoring.js";

export const RfpParams = z.object({
  districtId: ID.openapi({ param: { name: "districtId", in: "path" } }),
  rfpId: ID.openapi({ param: { name: "rfpId", in: "path" } }),
});
export const DistrictParams = z.object({
  districtId: ID.openapi({ param: { name: "districtId", in: "path" } }),
});
export const ProposalParams = RfpParams.extend({
  proposalId: ID.openapi({ param: { name: "proposalId", in: "path" } }),
});

const JsonObject = z.record(z.string(), z.unknown());
const ProblemList = z.array(z.object({ path: z.string(), code: z.string(), message: z.string() }));

export const CreateRfpBody = z
  .strictObject({
    rfpId: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, "an id of 1 to 64 letters, digits, '.', '_' or '-'"),
    title: z.string().min(1).max(200),
    fromContract: ID.optional().openapi({
      description: "A contract of the district whose latest terms start the RFP",
    }),
    terms: JsonObject.optional().openapi({
      description: "An obc-terms/1 document (instead of fromContract)",
    }),
    issuedOn: IsoDateSchema.optional(),
    proposalsDueOn: IsoDateSchema.optional(),
  })
  .openapi("CreateRfp");

export const DocumentBody = z.strictObject({ document: JsonObject }).openapi("RfpDocumentChange");

export const ProposalBody = z
  .strictObject({
    narrative: z.string().min(1).max(20_000),
    evidence: z.string().min(1).max(20_000),
    rateCard: z
      .unknown()
      .openapi({ description: "An obc-terms/1 fragment: base and outcomes (see the RFP)" }),
    price: z
      .string()
      .max(40)
      .openapi({ description: "The total price, at most the RFP's maxValue", example: "90000.00" }),
  })
  .openapi("ProposalContent");

export const ScoresBody = z
  .strictObject({
    scores: z
      .array(
        z.strictObject({
          criterion: z.string().min(1).max(100),
          points: z.number().int().min(0).max(MAX_POINTS),
          comment: z.string().min(1).max(2000),
        }),
      )
      .min(1)
      .max(50),
  })
  .openapi("ProposalScores");

export const AwardBody = z
  .strictObject({
    contractId: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/)
      .optional()
      .openapi({ description: "The new contract's id (default: the RFP's id)" }),
  })
  .openapi("AwardProposal");

export const CompareQuery = z.object({
  dataFrom: ID.optional().openapi({ param: { name: "dataFrom", in: "query" } }),
  asOf: IsoDateSchema.optional().openapi({ param: { name: "asOf", in: "query" } }),
});

export const RfpSchema = z
  .object({
    districtId: z.string(),
    rfpId: z.string(),
    title: z.string(),
    status: z.enum(["draft", "published", "closed", "awarded"]),
    open: z.boolean().openapi({ description: "Whether proposals are taken today" }),
    proposalsDueOn: z.string().nullable(),
    sourceContractId: z.string().nullable().openapi({ description: "District staff only" }),
    revision: z.number().int(),
    createdAt: z.string(),
    publishedAt: z.string().nullable(),
    closedAt: z.string().nullable(),
    awardedAt: z.string().nullable(),
    awardedProposalId: z.string().nullable(),
    awardedContractId: z.string().nullable(),
  })
  .openapi("Rfp");

export const RfpDetailSchema = RfpSchema.extend({ terms: JsonObject, document: JsonObject }).openapi(
  "RfpDetail",
);

const CriterionScoreSchema = z.object({
  key: z.string(),
  name: z.string(),
  weight: z.number().int(),
  byPrice: z.boolean(),
  points: z.string().nullable().openapi({ description: "0-5, 2 decimals" }),
  weighted: z.string().nullable().openapi({ description: "Points toward the total of 100, 2 decimals" }),
  comment: z.string().nullable(),
  scoredBy: z.string().nullable(),
  scoredAt: z.string().nullable(),
});

const EvaluationSchema = z.object({
  criteria: z.array(CriterionScoreSchema),
  total: z
    .string()
    .nullable()
    .openapi({ description: "Out of 100, 2 decimals; null until every criterion is scored" }),
  scoredSoFar: z.string(),
});

export const ProposalSchema = z
  .object({
    districtId: z.string(),
    rfpId: z.string(),
    proposalId: z.string(),
    vendorId: z.string(),
    vendorName: z.string(),
    status: z.enum(["submitted", "withdrawn", "awarded", "notSelected"]),
    narrative: z.string(),
    evidence: z.string(),
    rateCard: z.unknown(),
    price: Money,
    revision: z.number().int(),
    submittedAt: z.string(),
    revisedAt: z.string(),
    withdrawnAt: z.string().nullable(),
    evaluation: EvaluationSchema.nullable().openapi({ description: "District staff only" }),
  })
  .openapi("Proposal");

const WouldHavePaidSchema = z.object({
  status: z.enum(["previewed", "withdrawn", "invalid"]),
  asOf: IsoDateSchema.nullable(),
  enrolled: z.number().int().nullable(),
  served: z.number().int().nullable(),
  base: Money.nullable(),
  outcome: Money.nullable(),
  reduction: Money.nullable(),
  total: Money.nullable(),
  problems: ProblemList,
});

export const ComparisonSchema = z
  .object({
    rfpId: z.string(),
    dataFrom: z.string(),
    yearsBack: z
      .number()
      .int()
      .openapi({ description: "Whole years the terms were moved back onto the data's year" }),
    lowestPrice: Money.nullable(),
    criteria: z.array(
      z.object({ key: z.string(), name: z.string(), weight: z.number().int(), byPrice: z.boolean() }),
    ),
    proposals: z.array(
      z.object({
        proposalId: z.string(),
        vendorId: z.string(),
        vendorName: z.string(),
        status: z.enum(["submitted", "withdrawn", "awarded", "notSelected"]),
        price: Money,
        evaluation: EvaluationSchema,
        wouldHavePaid: WouldHavePaidSchema,
      }),
    ),
  })
  .openapi("ProposalComparison");

/** Problems of the request body, under `$.body`. */
export function bodyProblems(list: readonly JsonProblem[]) {
  return list.map((p) => ({ ...p, path: `$.body${p.path.slice(1)}` }));
}

const fixed2 = (r: Ratio | null) => (r === null ? null : formatFixed(r, 2));

export function rfpJson(rfp: RfpRow, actor: Actor, today: string): z.infer<typeof RfpSchema> {
  return {
    districtId: rfp.districtId,
    rfpId: rfp.rfpId,
    title: rfp.title,
    status: rfp.status,
    open: isOpen(rfp, today),
    proposalsDueOn: rfp.proposalsDueOn,
    // The contract an RFP was drafted from is the district's business, not the vendors'.
    sourceContractId: actor.orgKind === "district" ? rfp.sourceContractId : null,
    revision: rfp.revision,
    createdAt: rfp.createdAt,
    publishedAt: rfp.publishedAt,
    closedAt: rfp.closedAt,
    awardedAt: rfp.awardedAt,
    awardedProposalId: actor.orgKind === "district" ? rfp.awardedProposalId : null,
    awardedContractId: actor.orgKind === "district" ? rfp.awardedContractId : null,
  };
}

export function rfpDetailJson(rfp: RfpRow, actor: Actor, today: string): z.infer<typeof RfpDetailSchema> {
  return {
    ...rfpJson(rfp, actor, today),
    terms: JSON.parse(rfp.termsSource) as Record<string, unknown>,
    document: rfp.document as unknown as Record<string, unknown>,
  };
}

export function evaluationJson(rfp: RfpRow, item: ProposalEvaluation): z.infer<typeof EvaluationSchema> {
  return {
    criteria: rfp.document.criteria.map((c, i) => {
      const scored = item.score.criteria[i];
      const comment = item.comments.find((s) => s.criterionKey === c.key);
      return {
        key: c.key,
        name: c.name,
        weight: c.weight,
        byPrice: c.key === PRICE_CRITERION,
        points: fixed2(scored?.points ?? null),
        weighted: fixed2(scored?.weighted ?? null),
        comment: comment?.comment ?? null,
        scoredBy: comment?.scoredBy ?? null,
        scoredAt: comment?.scoredAt ?? null,
      };
    }),
    total: fixed2(item.score.total),
    scoredSoFar: formatFixed(item.score.scoredSoFar, 2),
  };
}

export function proposalJson(p: ProposalRow, evaluation: z.infer<typeof EvaluationSchema> | null) {
  return {
    districtId: p.districtId,
    rfpId: p.rfpId,
    proposalId: p.proposalId,
    vendorId: p.vendorId,
    vendorName: p.vendorName,
    status: p.status,
    narrative: p.narrative,
    evidence: p.evidence,
    rateCard: JSON.parse(p.rateCardSource) as unknown,
    price: formatCents(p.priceCents),
    revision: p.revision,
    submittedAt: p.submittedAt,
    revisedAt: p.revisedAt,
    withdrawnAt: p.withdrawnAt,
    evaluation,
  };
}

/** The evaluation's entry for a proposal, presented (district staff only). */
export function evaluationOf(evaluation: Evaluation, proposalId: string) {
  const item = evaluation.proposals.find((p) => p.proposal.proposalId === proposalId);
  return item === undefined ? null : evaluationJson(evaluation.rfp, item);
}

export function comparedJson(
  evaluation: Evaluation,
  dataFrom: string,
  yearsBack: number,
  proposals: readonly ComparedProposal[],
): z.infer<typeof ComparisonSchema> {
  return {
    rfpId: evaluation.rfp.rfpId,
    dataFrom,
    yearsBack,
    lowestPrice: evaluation.lowestPriceCents === null ? null : formatCents(evaluation.lowestPriceCents),
    criteria: evaluation.rfp.document.criteria.map((c) => ({
      key: c.key,
      name: c.name,
      weight: c.weight,
      byPrice: c.key === PRICE_CRITERION,
    })),
    proposals: proposals.map((item) => {
      const paid = item.wouldHavePaid;
      const s = paid.kind === "previewed" ? paid.preview.statement : null;
      return {
        proposalId: item.proposal.proposalId,
        vendorId: item.proposal.vendorId,
        vendorName: item.proposal.vendorName,
        status: item.proposal.status,
        price: formatCents(item.proposal.priceCents),
        evaluation: evaluationJson(evaluation.rfp, item),
        wouldHavePaid: {
          status: paid.kind,
          asOf: s?.asOf ?? null,
          enrolled: s?.population.enrolled ?? null,
          served: s?.population.served ?? null,
          base: s === null ? null : formatCents(s.baseCents),
          outcome: s === null ? null : formatCents(s.outcomeCents),
          reduction: s === null ? null : formatCents(s.reductionCents),
          total: s === null ? null : formatCents(s.totalCents),
          problems: paid.kind === "invalid" ? [...paid.problems] : [],
        },
      };
    }),
  };
}
