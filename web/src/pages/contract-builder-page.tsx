/**
 * The contract builder: obc-terms/1 terms built step by step from a template or a file,
 * checked as they are typed by the same validator the server uses (each problem next to
 * its field), summarised in plain language, previewed on the district's stored data and
 * saved as a draft contract. District staff only; only an administrator saves.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { ApiClient } from "../lib/api-client.js";
import type { ContractSummary, Session } from "../lib/api-types.js";
import { districtVendors, type DistrictVendor } from "../lib/api/builder.js";
import {
  placeProblems,
  problemsByField,
  type PlacedProblem,
  type StepId,
} from "../lib/builder/field-problems.js";
import { getAt, parseJsonPath, setAt, type Segment } from "../lib/builder/json-path.js";
import { dashboardPath } from "../lib/routes.js";
import { parseTerms } from "../../../src/shared/terms/check-terms.js";
import { findTemplate, type TemplateId } from "../../../src/shared/terms/templates.js";
import { Link } from "../components/link.js";
import { LoadView } from "../components/load-view.js";
import { Breadcrumbs, PageHeading } from "../components/page-heading.js";
import { BuilderContext, type BuilderState } from "../components/builder/builder-context.js";
import { STEPS, StepNav, ProblemList, focusField } from "../components/builder/step-nav.js";
import { TemplateStep } from "../components/builder/template-step.js";
import { PartiesStep } from "../components/builder/parties-step.js";
import { PopulationStep } from "../components/builder/population-step.js";
import { MetricsStep } from "../components/builder/metrics-step.js";
import { PaymentStep } from "../components/builder/payment-step.js";
import { ObligationsStep } from "../components/builder/obligations-step.js";
import { ReviewStep } from "../components/builder/review-step.js";
import { useLoad } from "../use-load.js";
import "../styles/builder.css";

interface BuilderData {
  readonly session: Session;
  readonly district: { id: string; name: string } | null;
  readonly vendors: readonly DistrictVendor[];
  readonly contracts: readonly ContractSummary[];
}

async function loadBuilderData(api: ApiClient): Promise<BuilderData> {
  const session = await api.session();
  if (session === null) throw new Error("the session ended; sign in again");
  if (session.organizationKind !== "district") return { session, district: null, vendors: [], contracts: [] };
  const id = session.organizationId;
  const name = session.memberships.find((m) => m.organizationId === id)?.name ?? id;
  const [vendors, contracts] = await Promise.all([districtVendors(api, id), api.allContracts()]);
  return {
    session,
    district: { id, name },
    vendors,
    contracts: contracts.filter((c) => c.districtId === id),
  };
}

function currencySymbol(currency: unknown): string {
  return currency === "USD" ? "$" : typeof currency === "string" ? `${currency} ` : "";
}

function Builder(props: { api: ApiClient; data: BuilderData; district: { id: string; name: string } }) {
  const { api, data, district } = props;
  const firstVendor = data.vendors[0];
  const vendor =
    firstVendor === undefined ? { id: "", name: "" } : { id: firstVendor.vendorId, name: firstVendor.name };
  const [template, setTemplate] = useState<TemplateId | null>(null);
  const [document, setDocument] = useState<unknown>(() =>
    findTemplate("tutoring-per-student")?.build(district, vendor),
  );
  const [step, setStep] = useState<StepId>("template");
  const heading = useRef<HTMLHeadingElement>(null);
  const pendingFocus = useRef<string | null>(null);
  const firstRender = useRef(true);

  const placed = useMemo(() => {
    const parsed = parseTerms(document);
    return parsed.ok ? [] : placeProblems(parsed.problems);
  }, [document]);
  const byField = useMemo(() => problemsByField(placed), [placed]);

  const set = useCallback(
    (path: readonly Segment[], value: unknown) => setDocument((d: unknown) => setAt(d, path, value)),
    [],
  );
  const state: BuilderState = useMemo(
    () => ({
      document,
      set,
      change: (change) => setDocument((d: unknown) => change(d)),
      problemsAt: (path) => byField.get(path) ?? [],
      currency: currencySymbol(getAt(document, ["currency"])),
    }),
    [document, set, byField],
  );

  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    const target = pendingFocus.current;
    pendingFocus.current = null;
    if (target !== null) focusField(target);
    else heading.current?.focus();
  }, [step]);

  const goToProblem = (problem: PlacedProblem) => {
    if (problem.step === step) return focusField(problem.field);
    pendingFocus.current = problem.field;
    setStep(problem.step);
  };
  const removeKey = (problem: PlacedProblem) => {
    const segments = parseJsonPath(problem.path);
    if (segments !== null && segments.length > 0) set(segments, undefined);
  };
  const index = STEPS.findIndex((s) => s.id === step);
  const info = STEPS[index] ?? STEPS[0];
  const previous = STEPS[index - 1];
  const next = STEPS[index + 1];
  const stepProblems = placed.filter((p) => p.step === step);

  return (
    <BuilderContext.Provider value={state}>
      <StepNav current={step} problems={placed} onGo={setStep} />
      <p className="builder-status" role="status">
        {placed.length === 0 ? "The terms are valid." : `${placed.length} problem(s) in the terms.`}
      </p>
      <section className="builder-step" aria-labelledby="step-heading">
        <h2 id="step-heading" ref={heading} tabIndex={-1}>
          Step {index + 1} of {STEPS.length}: {info?.title}
        </h2>
        {step !== "review" && step !== "template" && (
          <ProblemList title="Problems in this step" problems={stepProblems} onRemove={removeKey} />
        )}
        {step === "template" && (
          <TemplateStep
            chosen={template}
            onUse={(id) => {
              const chosen = findTemplate(id);
              if (chosen === undefined) return;
              setTemplate(id);
              setDocument(chosen.build(district, vendor));
              setStep("parties");
            }}
            onImport={(imported) => setDocument(imported)}
            onGoToProblem={goToProblem}
          />
        )}
        {step === "parties" && <PartiesStep district={district} vendors={data.vendors} />}
        {step === "population" && <PopulationStep />}
        {step === "metrics" && <MetricsStep />}
        {step === "payment" && <PaymentStep valid={placed.length === 0} />}
        {step === "obligations" && <ObligationsStep />}
        {step === "review" && (
          <ReviewStep
            api={api}
            districtId={district.id}
            document={document}
            problems={placed}
            contracts={data.contracts}
            canSave={data.session.role === "district_admin"}
            onGoToProblem={goToProblem}
            onRemove={removeKey}
          />
        )}
      </section>
      <div className="builder-pager">
        {previous !== undefined && (
          <button type="button" onClick={() => setStep(previous.id)}>
            Back: {previous.title}
          </button>
        )}
        {next !== undefined && (
          <button type="button" className="primary" onClick={() => setStep(next.id)}>
            Next: {next.title}
          </button>
        )}
      </div>
    </BuilderContext.Provider>
  );
}

export function ContractBuilderPage(props: { api: ApiClient }) {
  const { api } = props;
  const load = useLoad("contract-builder", () => loadBuilderData(api));
  return (
    <>
      <Breadcrumbs>
        <li>
          <Link to={dashboardPath()}>Portfolio</Link>
        </li>
        <li aria-current="page">New contract</li>
      </Breadcrumbs>
      <PageHeading lead="Build the terms step by step; they are checked as you type.">
        New contract
      </PageHeading>
      <LoadView result={load.result} retry={load.retry} what="the contract builder">
        {(data) =>
          data.district === null ? (
            <p className="notice">
              Contracts are drafted by their district. Your organization is not a district: open a contract
              from the <Link to={dashboardPath()}>portfolio</Link> instead.
            </p>
          ) : (
            <Builder api={api} data={data} district={data.district} />
          )
        }
      </LoadView>
    </>
  );
}
