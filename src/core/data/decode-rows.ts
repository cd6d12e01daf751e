/**
 * Row decoders: one canonical CSV row (through `RowCells`) to a record of data-v1, or
 * the first reason it is rejected. Cross-row rules (duplicates, unknown students,
 * obligations of a contract) live in the data set that receives the records.
 */
import type {
  StudentRecord,
  EnrollmentRecord,
  AssessmentRecord,
  SessionRecord,
  ObligationStatusRecord,
  PaymentRecord,
} from "./records.js";
import { RowError, type RowCells } from "./row-cells.js";

export function decodeStudent(c: RowCells): StudentRecord | RowError {
  const studentId = c.text("student_id");
  if (studentId instanceof RowError) return studentId;
  const schoolId = c.text("school_id");
  if (schoolId instanceof RowError) return schoolId;
  const grade = c.grade("grade");
  if (grade instanceof RowError) return grade;
  const economicallyDisadvantaged = c.boolean("economically_disadvantaged", false);
  if (economicallyDisadvantaged instanceof RowError) return economicallyDisadvantaged;
  const englishLearner = c.boolean("english_learner", false);
  if (englishLearner instanceof RowError) return englishLearner;
  const specialEducation = c.boolean("special_education", false);
  if (specialEducation instanceof RowError) return specialEducation;
  return {
    studentId,
    schoolId,
    grade,
    gender: c.optionalText("gender"),
    raceEthnicity: c.optionalText("race_ethnicity"),
    economicallyDisadvantaged,
    englishLearner,
    specialEducation,
  };
}

export function decodeEnrollment(c: RowCells): EnrollmentRecord | RowError {
  const contractId = c.text("contract_id");
  if (contractId instanceof RowError) return contractId;
  const studentId = c.text("student_id");
  if (studentId instanceof RowError) return studentId;
  const enrolledOn = c.date("enrolled_on");
  if (enrolledOn instanceof RowError) return enrolledOn;
  const exitedOn = c.optionalDate("exited_on");
  if (exitedOn instanceof RowError) return exitedOn;
  if (exitedOn !== null && exitedOn < enrolledOn) {
    return new RowError(
      c.column("exited_on"),
      "date-order",
      `exited_on ${exitedOn} is before enrolled_on ${enrolledOn}`,
    );
  }
  return { contractId, studentId, enrolledOn, exitedOn };
}

export function decodeAssessment(c: RowCells): AssessmentRecord | RowError {
  const studentId = c.text("student_id");
  if (studentId instanceof RowError) return studentId;
  const assessment = c.text("assessment");
  if (assessment instanceof RowError) return assessment;
  const subject = c.text("subject");
  if (subject instanceof RowError) return subject;
  const window = c.text("window");
  if (window instanceof RowError) return window;
  const testDate = c.date("test_date");
  if (testDate instanceof RowError) return testDate;
  const scaleScore = c.decimal("scale_score");
  if (scaleScore instanceof RowError) return scaleScore;
  const performanceLevel = c.optionalInteger("performance_level", 0, 1_000_000);
  if (performanceLevel instanceof RowError) return performanceLevel;
  const percentile = c.optionalInteger("percentile", 1, 99);
  if (percentile instanceof RowError) return percentile;
  const growthTarget = c.optionalDecimal("growth_target");
  if (growthTarget instanceof RowError) return growthTarget;
  const rapidGuessPercent = c.optionalPercent("rapid_guess_percent");
  if (rapidGuessPercent instanceof RowError) return rapidGuessPercent;
  return {
    studentId,
    assessment,
    subject,
    window,
    testDate,
    scaleScore,
    performanceLevel,
    percentile,
    growthTarget,
    rapidGuessPercent,
  };
}

export function decodeSession(c: RowCells): SessionRecord | RowError {
  const contractId = c.text("contract_id");
  if (contractId instanceof RowError) return contractId;
  const studentId = c.text("student_id");
  if (studentId instanceof RowError) return studentId;
  const sessionDate = c.date("session_date");
  if (sessionDate instanceof RowError) return sessionDate;
  const minutes = c.integer("minutes", 0, 1440);
  if (minutes instanceof RowError) return minutes;
  const attended = c.boolean("attended", true);
  if (attended instanceof RowError) return attended;
  const groupSize = c.optionalInteger("group_size", 1, 1_000_000);
  if (groupSize instanceof RowError) return groupSize;
  return {
    sessionId: c.optionalText("session_id"),
    contractId,
    studentId,
    tutorId: c.optionalText("tutor_id"),
    sessionDate,
    minutes,
    attended,
    groupSize,
  };
}

export function decodeObligationStatus(c: RowCells): ObligationStatusRecord | RowError {
  const contractId = c.text("contract_id");
  if (contractId instanceof RowError) return contractId;
  const obligationId = c.text("obligation_id");
  if (obligationId instanceof RowError) return obligationId;
  const status = c.text("status");
  if (status instanceof RowError) return status;
  if (status !== "met" && status !== "notMet") {
    return new RowError(
      c.column("status"),
      "bad-status",
      `status must be "met" or "notMet", not ${JSON.stringify(status)}`,
    );
  }
  return { contractId, obligationId, status, evidence: c.optionalText("evidence") };
}

export function decodePayment(c: RowCells): PaymentRecord | RowError {
  const contractId = c.text("contract_id");
  if (contractId instanceof RowError) return contractId;
  const paidOn = c.date("paid_on");
  if (paidOn instanceof RowError) return paidOn;
  const amountCents = c.money("amount");
  if (amountCents instanceof RowError) return amountCents;
  return { contractId, paidOn, amountCents, reference: c.optionalText("reference") };
}
