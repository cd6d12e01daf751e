/** A terms simulation as JSON: money as decimal strings, shares and rates to six decimals. */
import { formatCents, type Cents } from "../../core/money.js";
import { formatFixed, type Ratio } from "../../core/ratio.js";
import type { Percentiles } from "../../core/evidence/payment-simulation.js";
import type { TermsSimulation } from "./simulate-terms.js";

type Spread = { p10: string; p50: string; p90: string };

export interface SimulationJson {
  districtId: string;
  contractId: string;
  termsVersion: number | null;
  currency: string;
  populationContractId: string;
  yearsBack: number;
  population: { enrolled: number; eligible: number; served: number; measured: number };
  observed: {
    total: string;
    outcome: string;
    metrics: { id: string; met: number; denominator: number; rate: string; amount: string }[];
  };
  draws: number;
  seed: string;
  total: Spread;
  contingent: Spread;
  contingentShare: Spread;
  metrics: { id: string; amount: Spread }[];
  targets: {
    metricId: string;
    kind: string;
    candidates: { target: string; proposed: boolean; met: number; denominator: number; rate: string }[];
  }[];
}

const money = (p: Percentiles<Cents>): Spread => ({
  p10: formatCents(p.p10),
  p50: formatCents(p.p50),
  p90: formatCents(p.p90),
});
const share = (p: Percentiles<Ratio>): Spread => ({
  p10: formatFixed(p.p10, 6),
  p50: formatFixed(p.p50, 6),
  p90: formatFixed(p.p90, 6),
});

export function simulationJson(districtId: string, result: TermsSimulation): SimulationJson {
  const { simulation: sim, terms } = result;
  const observed = sim.observed;
  return {
    districtId,
    contractId: terms.contractId,
    termsVersion: result.termsVersion,
    currency: terms.currency,
    populationContractId: result.populationContractId,
    yearsBack: result.yearsBack,
    population: { ...observed.population },
    observed: {
      total: formatCents(observed.totalCents),
      outcome: formatCents(observed.outcomeCents),
      metrics: observed.metrics.map((m) => ({
        id: m.id,
        met: m.met,
        denominator: m.denominator,
        rate: formatFixed(m.rate, 6),
        amount: formatCents(m.amountCents),
      })),
    },
    draws: sim.draws,
    seed: sim.seed,
    total: money(sim.totalCents),
    contingent: money(sim.contingentCents),
    contingentShare: share(sim.contingentShare),
    metrics: sim.metricCents.map((m) => ({ id: m.id, amount: money(m.cents) })),
    targets: result.targets.map((t) => ({
      metricId: t.metricId,
      kind: t.kind,
      candidates: t.candidates.map((c) => ({
        target: c.target,
        proposed: c.proposed,
        met: c.met,
        denominator: c.denominator,
        rate: formatFixed(c.rate, 6),
      })),
    })),
  };
}
