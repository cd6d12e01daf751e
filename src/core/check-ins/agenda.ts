/**
 * A check-in's agenda, built from the contract's figures on the day it is prepared and
 * then kept as it was (a snapshot): later data does not change it. Only aggregates: no
 * item names a student, and a metric measured on (or a dosage pace of) fewer than
 * SMALL_CELL students says so instead of giving its figures (both parties read the same agenda, so the rule for
 * readers outside the district applies to all).
 *
 * Items, in this order: enrolment against the plan, dosage pacing per dosage metric, each
 * metric so far, obligations that are open, overdue, at risk or not met, the action items
 * still open from earlier check-ins, and the data files that are stale or never imported.
 */
import { groupDigits, sentenceDate } from "../alerts/alert.js";
import type { IsoDate } from "../date.js";

export const SMALL_CELL = 10;

export type AgendaSection = "progress" | "metrics" | "obligations" | "action-items" | "data" | "other";

export interface AgendaItem {
  /** Stable within the agenda: notes in the minutes are kept by it. */
  readonly itemId: string;
  readonly section: AgendaSection;
  readonly title: string;
  readonly detail: string;
}

export interface DosageFigures {
  readonly metricId: string;
  readonly label: string;
  readonly onPace: number;
  readonly eligible: number;
  readonly minSessions: number;
  readonly minMinutes: number;
  /** The target share, a whole percentage as the alerts state it. */
  readonly targetPercent: string;
}

export interface MetricFigures {
  readonly metricId: string;
  readonly label: string;
  readonly measured: number;
  readonly met: number;
}

export interface ObligationFigures {
  readonly obligationId: string;
  readonly party: "district" | "vendor";
  readonly description: string;
  readonly status: "met" | "notMet" | "pending";
  /** The obligation's alert today (overdue, due soon, at risk, not met), if any. */
  readonly alert: string | null;
  /** Its owner's name, when one is named (the obligation's plan). */
  readonly ownerName?: string | null;
  /** Its due date (the plan's, else the period's end). */
  readonly dueOn?: IsoDate;
}

export interface FreshnessFigures {
  readonly kind: string;
  readonly latestOn: IsoDate | null;
  readonly stale: boolean;
  readonly staleAfterDays: number | null;
}

export interface ProgressFigures {
  readonly enrolled: number;
  readonly plannedStudents: number;
  readonly expectedByNow: number;
  readonly dosage: readonly DosageFigures[];
  readonly metrics: readonly MetricFigures[];
  readonly obligations: readonly ObligationFigures[];
  readonly freshness: readonly FreshnessFigures[];
}

export interface OpenActionItem {
  readonly actionItemId: string;
  readonly description: string;
  readonly ownerParty: "district" | "vendor";
  readonly ownerName: string;
  readonly dueOn: IsoDate;
  /** The day of the check-in that raised it. */
  readonly raisedOn: IsoDate;
}

export interface AgendaInput {
  readonly asOf: IsoDate;
  /** The contract's figures, or why there are none (no approved terms, data that cannot be settled). */
  readonly progress: ProgressFigures | { readonly unavailable: string };
  readonly openActionItems: readonly OpenActionItem[];
}

const PARTY = { district: "District", vendor: "Vendor" } as const;

/** "451 of 1,200 planned students enrolled (expected by Oct 15, 2024: 600)." */
export function enrolmentSentence(p: ProgressFigures, asOf: IsoDate): string {
  return (
    `${groupDigits(p.enrolled)} of ${groupDigits(p.plannedStudents)} planned students enrolled ` +
    `(expected by ${sentenceDate(asOf)}: ${groupDigits(p.expectedByNow)}).`
  );
}

function dosageSentence(d: DosageFigures, asOf: IsoDate): string {
  if (d.eligible < SMALL_CELL) return `Fewer than ${SMALL_CELL} eligible students so far: figures withheld.`;
  const need = [
    d.minSessions > 0 ? `${groupDigits(d.minSessions)} sessions` : null,
    d.minMinutes > 0 ? `${groupDigits(d.minMinutes)} minutes` : null,
  ].filter((s) => s !== null);
  return (
    `${groupDigits(d.onPace)} of ${groupDigits(d.eligible)} eligible students on pace ` +
    `(${need.length === 0 ? "any service" : need.join(" and ")} by ${sentenceDate(asOf)}); target ${d.targetPercent}%.`
  );
}

function metricSentence(m: MetricFigures): string {
  if (m.measured < SMALL_CELL) return `Fewer than ${SMALL_CELL} students measured so far: figures withheld.`;
  return `${groupDigits(m.met)} of ${groupDigits(m.measured)} measured students meet it so far.`;
}

const STATUS_TEXT = { met: "met", notMet: "not met", pending: "open" } as const;

function freshnessSentence(f: FreshnessFigures): string {
  return f.latestOn === null
    ? `${f.kind}: never imported.`
    : `${f.kind}: last imported ${sentenceDate(f.latestOn)}, older than ${f.staleAfterDays ?? 0} days.`;
}

export function buildAgenda(input: AgendaInput): AgendaItem[] {
  const items: AgendaItem[] = [];
  const p = input.progress;
  if ("unavailable" in p) {
    items.push({
      itemId: "progress",
      section: "progress",
      title: "Progress against plan",
      detail: p.unavailable,
    });
  } else {
    items.push({
      itemId: "enrolment",
      section: "progress",
      title: "Enrolment against plan",
      detail: enrolmentSentence(p, input.asOf),
    });
    for (const d of p.dosage)
      items.push({
        itemId: `dosage:${d.metricId}`,
        section: "progress",
        title: `Dosage pacing: ${d.label}`,
        detail: dosageSentence(d, input.asOf),
      });
    for (const m of p.metrics)
      items.push({
        itemId: `metric:${m.metricId}`,
        section: "metrics",
        title: `Metric so far: ${m.label}`,
        detail: metricSentence(m),
      });
    for (const o of p.obligations) {
      if (o.status === "met") continue;
      items.push({
        itemId: `obligation:${o.obligationId}`,
        section: "obligations",
        title: `${PARTY[o.party]} obligation: ${o.description}`,
        detail:
          (o.alert ??
            `Status: ${STATUS_TEXT[o.status]}${o.dueOn === undefined ? "" : `; due ${sentenceDate(o.dueOn)}`}.`) +
          (o.ownerName === undefined || o.ownerName === null ? "" : ` Owner: ${o.ownerName}.`),
      });
    }
  }
  for (const a of input.openActionItems)
    items.push({
      itemId: `action-item:${a.actionItemId}`,
      section: "action-items",
      title: `Open action item: ${a.description}`,
      detail:
        `Owner: ${PARTY[a.ownerParty]}, ${a.ownerName}; due ${sentenceDate(a.dueOn)}` +
        `${a.dueOn < input.asOf ? " (overdue)" : ""}; raised at the check-in of ${sentenceDate(a.raisedOn)}.`,
    });
  if (!("unavailable" in p)) {
    const stale = p.freshness.filter((f) => f.stale);
    items.push({
      itemId: "data-freshness",
      section: "data",
      title: "Data freshness",
      detail:
        stale.length === 0
          ? `Every data file is within its freshness limit as of ${sentenceDate(input.asOf)}.`
          : stale.map(freshnessSentence).join(" "),
    });
  }
  return items;
}
