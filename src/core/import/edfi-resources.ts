/**
 * Which Ed-Fi resource a JSON object is, told by the fields its identity needs (Ed-Fi
 * DS 5; see shared/reference/standards.md §2), and what of a rejected student-side
 * resource may be kept to show the district: only the fields the mapping reads, so
 * that names, birth dates and contact details are never copied into the store.
 */
export type EdfiResource =
  | "attendance-events"
  | "student-assessments"
  | "students"
  | "school-associations"
  | "education-organization-associations";

const has = (value: Record<string, unknown>, key: string): boolean => value[key] !== undefined;

export function edfiResourceOf(value: unknown): EdfiResource | null {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return null;
  const v = value as Record<string, unknown>;
  if (has(v, "interventionReference") || has(v, "attendanceEventCategoryDescriptor"))
    return "attendance-events";
  if (has(v, "assessmentReference")) return "student-assessments";
  if (has(v, "studentReference") && has(v, "schoolReference")) return "school-associations";
  if (has(v, "studentReference") && has(v, "educationOrganizationReference"))
    return "education-organization-associations";
  if (has(v, "studentUniqueId")) return "students";
  return null;
}

/** The Ed-Fi resource names, for messages. */
export const EDFI_RESOURCE_NAMES: { readonly [R in EdfiResource]: string } = {
  "attendance-events": "StudentInterventionAttendanceEvent",
  "student-assessments": "StudentAssessment",
  students: "Student",
  "school-associations": "StudentSchoolAssociation",
  "education-organization-associations": "StudentEducationOrganizationAssociation",
};

const MAPPED_FIELDS: Partial<Record<EdfiResource, readonly string[]>> = {
  students: ["studentUniqueId"],
  "school-associations": [
    "studentReference",
    "schoolReference",
    "entryDate",
    "entryGradeLevelDescriptor",
    "exitWithdrawDate",
  ],
  "education-organization-associations": [
    "studentReference",
    "educationOrganizationReference",
    "sexDescriptor",
    "hispanicLatinoEthnicity",
    "races",
    "limitedEnglishProficiencyDescriptor",
    "studentCharacteristics",
    "disabilities",
  ],
};

/** The resource as it may be kept with a reject: student-side resources keep only their mapped fields. */
export function keptEdfiRecord(resource: EdfiResource, value: unknown): unknown {
  const fields = MAPPED_FIELDS[resource];
  if (fields === undefined || value === null || typeof value !== "object" || Array.isArray(value))
    return value;
  const v = value as Record<string, unknown>;
  return Object.fromEntries(fields.filter((f) => v[f] !== undefined).map((f) => [f, v[f]]));
}
