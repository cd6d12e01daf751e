/**
 * A district's students and schools. Students are student-level data: read:students, and
 * every page read is audited. A vendor sees only the students it serves and only the
 * fields serving them needs (src/app/students/list-students.ts).
 */
import { createRoute, z } from "@hono/zod-openapi";
import { needs, type Routes } from "../define-route.js";
import { ApiProblem } from "../problem.js";
import { ID, PageQuery, decodeCursor, encodeCursor, problems } from "../schemas.js";
import { actorScope } from "../../app/auth/actor.js";
import { actAs } from "../../app/act-as.js";
import { seesDistrict } from "../../app/students/sees-district.js";
import { listStudents } from "../../app/students/list-students.js";
import { listSchools } from "../../app/students/list-schools.js";

const Params = z.object({
  districtId: ID.openapi({ param: { name: "districtId", in: "path" } }),
});

const StudentSchema = z
  .object({
    studentId: z.string(),
    schoolId: z.string(),
    grade: z.string(),
    gender: z.string().nullable().optional().openapi({ description: "District staff only" }),
    raceEthnicity: z.string().nullable().optional().openapi({ description: "District staff only" }),
    economicallyDisadvantaged: z.boolean().optional(),
    englishLearner: z.boolean().optional(),
    specialEducation: z.boolean().optional(),
  })
  .openapi("Student", {
    description:
      "Subgroup flags: every one for district staff; for a vendor, a flag only when a contract " +
      "it serves the student under pays by it (amountBySubgroup)",
  });

const SchoolSchema = z.object({ schoolId: z.string(), name: z.string().nullable() }).openapi("School");

const studentsRoute = createRoute({
  method: "get",
  path: "/api/districts/{districtId}/students",
  operationId: "listStudents",
  tags: ["Students"],
  summary: "The district's students (a vendor: those it serves, and fewer fields)",
  request: { params: Params, query: PageQuery },
  responses: {
    200: {
      description: "A page of students",
      content: {
        "application/json": {
          schema: z
            .object({ items: z.array(StudentSchema), nextCursor: z.string().nullable() })
            .openapi("StudentPage"),
        },
      },
    },
    ...problems(400, 401, 403, 404),
  },
});

const schoolsRoute = createRoute({
  method: "get",
  path: "/api/districts/{districtId}/schools",
  operationId: "listSchools",
  tags: ["Students"],
  summary: "The district's schools",
  request: { params: Params, query: PageQuery },
  responses: {
    200: {
      description: "A page of schools",
      content: {
        "application/json": {
          schema: z
            .object({ items: z.array(SchoolSchema), nextCursor: z.string().nullable() })
            .openapi("SchoolPage"),
        },
      },
    },
    ...problems(400, 401, 403, 404),
  },
});

/** The id after which a page starts, from the cursor of the previous page. */
function afterId(cursor: string | undefined): string | null {
  const key = decodeCursor(cursor, 1);
  if (cursor !== undefined && key === null)
    throw new ApiProblem("invalid-request", "the cursor is not one this API gave", [
      { path: "$.query.cursor", code: "invalid-cursor", message: "use nextCursor of the previous page" },
    ]);
  return key?.[0] ?? null;
}

export function registerStudentRoutes(routes: Routes): void {
  routes.add(studentsRoute, needs("read:students"), async (c) => {
    const { districtId } = c.req.valid("param");
    const query = c.req.valid("query");
    const after = afterId(query.cursor);
    const actor = c.get("actor");
    const deps = c.get("deps");
    const page = await actAs(deps.db, actorScope(actor), async (tx) =>
      (await seesDistrict(tx, districtId))
        ? listStudents(tx, { actor, at: deps.clock.now(), districtId, after, limit: query.limit })
        : null,
    );
    if (page === null) throw new ApiProblem("not-found", `no district ${districtId}`);
    return c.json(
      {
        items: [...page.items],
        nextCursor: page.nextKey === null ? null : encodeCursor([page.nextKey]),
      },
      200,
    );
  });

  routes.add(schoolsRoute, needs("read:contracts"), async (c) => {
    const { districtId } = c.req.valid("param");
    const query = c.req.valid("query");
    const after = afterId(query.cursor);
    const page = await actAs(c.get("deps").db, actorScope(c.get("actor")), async (tx) =>
      (await seesDistrict(tx, districtId))
        ? listSchools(tx, districtId, { after, limit: query.limit })
        : null,
    );
    if (page === null) throw new ApiProblem("not-found", `no district ${districtId}`);
    return c.json(
      {
        items: [...page.items],
        nextCursor: page.nextKey === null ? null : encodeCursor([page.nextKey]),
      },
      200,
    );
  });
}
