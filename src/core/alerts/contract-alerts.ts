/**
 * Every alert of one active contract on one day, from what its progress shows: the
 * pacing, data, obligation and statement rules of this folder, most severe first.
 */
import type { IsoDate } from "../date.js";
import type { Terms } from "../terms/types.js";
import { bySeverity, type Alert, type ContractRef } from "./alert.js";
import { assessmentDataAlert, type WindowCoverage } from "./data-rules.js";
import { obligationAlert, type ObligationFacts } from "./obligation-rules.js";
import { dosageAlert, dosageByNow, dosageTarget, enrolmentAlert, studentsOnPace } from "./pacing-rules.js";
import { statementAlert, type StatementFacts } from "./statement-rules.js";

export interface ContractAlertFacts {
  readonly terms: Terms;
  readonly today: IsoDate;
  readonly enrolled: number;
  readonly students: readonly {
    readonly eligible: boolean;
    readonly sessions: number;
    readonly minutes: number;
  }[];
  /** One entry per window of the terms. */
  readonly coverage: readonly WindowCoverage[];
  readonly obligations: readonly ObligationFacts[];
  readonly statements: readonly StatementFacts[];
}

export function contractAlerts(ref: ContractRef, facts: ContractAlertFacts): Alert[] {
  const { terms, today } = facts;
  const period = terms.period;
  const eligible = facts.students.filter((s) => s.eligible).length;
  const alerts: (Alert | null)[] = [
    enrolmentAlert(ref, {
      period,
      expectedStudents: terms.expectedStudents,
      enrolled: facts.enrolled,
      today,
    }),
    ...terms.outcomes.metrics.map((metric) => {
      if (metric.measure.kind !== "dosage") return null;
      const required = dosageByNow(metric.measure, period, today);
      return dosageAlert(ref, {
        period,
        today,
        metric,
        required,
        target: dosageTarget(metric),
        eligible,
        onPace: studentsOnPace(facts.students, required),
      });
    }),
    ...facts.coverage.map((c) => assessmentDataAlert(ref, c, facts.enrolled, today)),
    ...facts.obligations.map((o) => obligationAlert(ref, o, period, today)),
    ...facts.statements.map((s) => statementAlert(ref, s, today)),
  ];
  return bySeverity(alerts.filter((a): a is Alert => a !== null));
}
