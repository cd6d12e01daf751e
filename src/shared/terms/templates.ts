/**
 * Starting points of the contract builder, as pure data: each a complete, valid
 * obc-terms/1 document (a test checks it with `parseTerms`), written for a district and
 * vendor that the builder fills in. Amounts are round figures a procurement office would
 * start from, and the period and assessment windows are those of the 2024-2025 school
 * year so that a preview settles them on last year's data as they stand.
 */
import {
  projectedGrowth,
  reachedLevel3,
  sixtyFortyBase,
  sixtyFortyOutcomes,
} from "../../core/demo/model-outcomes.js";
import type { OrganizationJson, TermsDocument } from "./check-terms.js";

export type TemplateId = "tutoring-per-student" | "edtech-usage" | "pool-60-40";

export interface TermsTemplate {
  readonly id: TemplateId;
  readonly name: string;
  /** One sentence for people choosing a template. */
  readonly description: string;
  /** A fresh document for the district and vendor (no two calls share an object). */
  readonly build: (district: OrganizationJson, vendor: OrganizationJson) => TermsDocument;
}

const PERIOD = { start: "2024-09-03", end: "2025-05-23" };

function mapWindows(subject: string): TermsDocument["windows"] {
  return {
    fall: { assessment: "MAP Growth", subject, window: "2024-fall" },
    spring: { assessment: "MAP Growth", subject, window: "2025-spring" },
  };
}

function tutoringPerStudent(district: OrganizationJson, vendor: OrganizationJson): TermsDocument {
  return {
    format: "obc-terms/1",
    contractId: "hdt-2024-math",
    title: "High-dosage math tutoring",
    district: { ...district },
    vendor: { ...vendor },
    service: "tutoring",
    currency: "USD",
    period: { ...PERIOD },
    maxValue: "420000.00",
    expectedStudents: 300,
    eligibility: { grades: ["6", "7", "8"] },
    service_threshold: { minSessions: 20, minMinutes: 600 },
    windows: mapWindows("math"),
    maxRapidGuessPercent: "30",
    base: { kind: "perStudent", amount: "700.00", per: "served" },
    outcomes: {
      kind: "perStudent",
      denominator: "served",
      missingOutcome: "notMet",
      metrics: [
        projectedGrowth({ amount: "450.00" }),
        reachedLevel3("Reached proficiency (level 3)", { amount: "250.00" }),
      ],
    },
    obligations: [
      {
        id: "enroll",
        party: "district",
        description: "Enroll at least 270 eligible students",
        measure: { kind: "enrolledStudents", min: 270 },
        consequence: "payFull",
      },
      {
        id: "serve",
        party: "vendor",
        description: "Serve at least 240 students",
        measure: { kind: "servedStudents", min: 240 },
        consequence: { reduceOutcomePercent: "10" },
      },
    ],
  };
}

function edtechUsage(district: OrganizationJson, vendor: OrganizationJson): TermsDocument {
  return {
    format: "obc-terms/1",
    contractId: "edtech-2024-reading",
    title: "Reading software with usage targets",
    district: { ...district },
    vendor: { ...vendor },
    service: "edtech",
    currency: "USD",
    period: { ...PERIOD },
    maxValue: "150000.00",
    expectedStudents: 1000,
    eligibility: { grades: ["3", "4", "5"] },
    service_threshold: { minSessions: 10 },
    windows: mapWindows("reading"),
    base: { kind: "fixed", amount: "60000.00" },
    outcomes: {
      kind: "perStudent",
      denominator: "enrolled",
      missingOutcome: "exclude",
      cap: "90000.00",
      metrics: [
        {
          id: "usage",
          label: "Used the software 30 sessions, 900 minutes",
          kind: "dosage",
          minSessions: 30,
          minMinutes: 900,
          amount: "40.00",
        },
        {
          id: "growth",
          label: "Grew 5 RIT points",
          kind: "growth",
          from: "fall",
          to: "spring",
          target: { points: "5" },
          amount: "50.00",
        },
      ],
    },
    obligations: [
      {
        id: "devices",
        party: "district",
        description: "Give every enrolled student a device and a login",
        measure: { kind: "manual" },
        consequence: "none",
      },
    ],
  };
}

function pool6040(district: OrganizationJson, vendor: OrganizationJson): TermsDocument {
  return {
    format: "obc-terms/1",
    contractId: "pool-2024-math",
    title: "Math tutoring, 60/40 split",
    district: { ...district },
    vendor: { ...vendor },
    service: "tutoring",
    currency: "USD",
    period: { ...PERIOD },
    maxValue: "600000.00",
    expectedStudents: 600,
    service_threshold: { minSessions: 10, minMinutes: 300 },
    windows: mapWindows("math"),
    base: sixtyFortyBase(),
    outcomes: sixtyFortyOutcomes(),
    obligations: [
      {
        id: "serve",
        party: "vendor",
        description: "Serve at least 450 students",
        measure: { kind: "servedStudents", min: 450 },
        consequence: { reduceOutcomePercent: "15" },
      },
      {
        id: "rooms",
        party: "district",
        description: "Provide a quiet room at each school",
        measure: { kind: "manual" },
        consequence: "none",
      },
    ],
  };
}

export const TEMPLATES: readonly TermsTemplate[] = [
  {
    id: "tutoring-per-student",
    name: "High-dosage tutoring, paid per student",
    description:
      "A base amount for each served student, and a further amount for each one who meets projected growth or reaches proficiency.",
    build: tutoringPerStudent,
  },
  {
    id: "edtech-usage",
    name: "Ed-tech with usage",
    description:
      "A fixed base, and an amount for each enrolled student who uses the software enough or grows, up to a cap.",
    build: edtechUsage,
  },
  {
    id: "pool-60-40",
    name: "60/40 pool",
    description:
      "60% of the price paid for service (prorated by students served), 40% in a pool earned by the rate of students meeting each outcome.",
    build: pool6040,
  },
];

export function findTemplate(id: string): TermsTemplate | undefined {
  return TEMPLATES.find((t) => t.id === id);
}
