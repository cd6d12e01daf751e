import { describe, expect, it } from "vitest";
import type { IsoDate } from "../date.js";
import { buildAgenda, type ProgressFigures } from "./agenda.js";

const asOf = "2024-10-15" as IsoDate;
const progress: ProgressFigures = {
  enrolled: 451,
  plannedStudents: 1200,
  expectedByNow: 840,
  dosage: [
    {
      metricId: "dosage",
      label: "Tutoring dosage",
      onPace: 120,
      eligible: 430,
      minSessions: 8,
      minMinutes: 240,
      targetPercent: "50",
    },
  ],
  metrics: [
    { metricId: "growth", label: "Growth", measured: 212, met: 97 },
    { metricId: "ell", label: "EL growth", measured: 9, met: 4 },
  ],
  obligations: [
    {
      obligationId: "roster",
      party: "district",
      description: "Share the roster",
      status: "met",
      alert: null,
    },
    {
      obligationId: "reach",
      party: "vendor",
      description: "Serve 900 students",
      status: "pending",
      alert: 'The vendor\'s obligation "Serve 900 students" is at risk.',
    },
    {
      obligationId: "report",
      party: "vendor",
      description: "Monthly report",
      status: "pending",
      alert: null,
    },
  ],
  freshness: [
    { kind: "students", latestOn: "2024-09-01" as IsoDate, stale: false, staleAfterDays: 60 },
    { kind: "sessions", latestOn: "2024-09-20" as IsoDate, stale: true, staleAfterDays: 14 },
    { kind: "assessments", latestOn: null, stale: true, staleAfterDays: 120 },
  ],
};

describe("check-in agenda", () => {
  it("states pacing, metrics, open obligations, carried action items and stale data, in that order", () => {
    const items = buildAgenda({
      asOf,
      progress,
      openActionItems: [
        {
          actionItemId: "7",
          description: "Send the schedule",
          ownerParty: "vendor",
          ownerName: "Lee",
          dueOn: "2024-10-01" as IsoDate,
          raisedOn: "2024-09-17" as IsoDate,
        },
      ],
    });
    expect(items).toEqual([
      {
        itemId: "enrolment",
        section: "progress",
        title: "Enrolment against plan",
        detail: "451 of 1,200 planned students enrolled (expected by Oct 15, 2024: 840).",
      },
      {
        itemId: "dosage:dosage",
        section: "progress",
        title: "Dosage pacing: Tutoring dosage",
        detail:
          "120 of 430 eligible students on pace (8 sessions and 240 minutes by Oct 15, 2024); target 50%.",
      },
      {
        itemId: "metric:growth",
        section: "metrics",
        title: "Metric so far: Growth",
        detail: "97 of 212 measured students meet it so far.",
      },
      {
        itemId: "metric:ell",
        section: "metrics",
        title: "Metric so far: EL growth",
        detail: "Fewer than 10 students measured so far: figures withheld.",
      },
      {
        itemId: "obligation:reach",
        section: "obligations",
        title: "Vendor obligation: Serve 900 students",
        detail: 'The vendor\'s obligation "Serve 900 students" is at risk.',
      },
      {
        itemId: "obligation:report",
        section: "obligations",
        title: "Vendor obligation: Monthly report",
        detail: "Status: open.",
      },
      {
        itemId: "action-item:7",
        section: "action-items",
        title: "Open action item: Send the schedule",
        detail: "Owner: Vendor, Lee; due Oct 1, 2024 (overdue); raised at the check-in of Sep 17, 2024.",
      },
      {
        itemId: "data-freshness",
        section: "data",
        title: "Data freshness",
        detail: "sessions: last imported Sep 20, 2024, older than 14 days. assessments: never imported.",
      },
    ]);
  });

  it("says why progress is missing and still carries action items", () => {
    const items = buildAgenda({
      asOf,
      progress: { unavailable: "No approved terms yet." },
      openActionItems: [],
    });
    expect(items).toEqual([
      {
        itemId: "progress",
        section: "progress",
        title: "Progress against plan",
        detail: "No approved terms yet.",
      },
    ]);
  });

  it("says when every file is fresh", () => {
    const items = buildAgenda({
      asOf,
      progress: { ...progress, freshness: [], dosage: [], metrics: [], obligations: [] },
      openActionItems: [],
    });
    expect(items.at(-1)?.detail).toBe("Every data file is within its freshness limit as of Oct 15, 2024.");
  });
  it("names an open obligation's owner and due date", () => {
    const report = {
      obligationId: "report",
      party: "vendor" as const,
      description: "Monthly report",
      status: "pending" as const,
      alert: null,
      ownerName: "Dana Ruiz",
      dueOn: "2024-11-30" as IsoDate,
    };
    const items = buildAgenda({
      asOf,
      progress: { ...progress, obligations: [report] },
      openActionItems: [],
    });
    expect(items.find((i) => i.itemId === "obligation:report")?.detail).toBe(
      "Status: open; due Nov 30, 2024. Owner: Dana Ruiz.",
    );
  });
});
