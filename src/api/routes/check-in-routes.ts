/**
 * Check-ins: the scheduled meetings of a contract's district and vendor, with agenda,
 * minutes and action items (src/app/check-ins/). Both parties read them (read:contracts);
 * district administrators and the contract's vendor users write them (write:check-ins);
 * analysts and auditors read only. Row-level security keeps each party to its contracts,
 * so another organization's contract or check-in answers 404 as a missing one does.
 */
import type { z } from "@hono/zod-openapi";
import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { needs, type Routes } from "../define-route.js";
import { ApiProblem } from "../problem.js";
import { problems } from "../schemas.js";
import type { ApiEnv } from "../api-env.js";
import { actorScope } from "../../app/auth/actor.js";
import { actAs } from "../../app/act-as.js";
import type { SqlRunner } from "../../app/ports/db.js";
import type { CheckInChange } from "../../app/check-ins/check-in-audit.js";
import { listCheckIns, readCheckIn } from "../../app/check-ins/read-check-ins.js";
import { scheduleCheckIns } from "../../app/check-ins/schedule-check-ins.js";
import { addCheckIn, changeCheckIn } from "../../app/check-ins/change-check-in.js";
import { editAgenda, prepareAgenda } from "../../app/check-ins/check-in-agenda.js";
import { addNote, finaliseMinutes, saveMinutes } from "../../app/check-ins/check-in-minutes.js";
import { addActionItem, updateActionItem } from "../../app/check-ins/action-items.js";
import {
  ActionItemBody,
  ActionItemChangeBody,
  ActionItemParams,
  ActionItemSchema,
  AddBody,
  AgendaBody,
  ChangeBody,
  CheckInParams,
  ContractParams,
  DetailSchema,
  ListSchema,
  MinutesBody,
  NoteBody,
  ScheduleBody,
  ScheduledSchema,
  actionItemJson,
  detailJson,
  summaryJson,
} from "./check-in-schemas.js";

const BASE = "/api/districts/{districtId}/contracts/{contractId}";
const json = <S extends z.ZodTypeAny>(schema: S) => ({ content: { "application/json": { schema } } });
const body = <S extends z.ZodTypeAny>(schema: S) => ({ required: true, ...json(schema) });
const TAGS = ["Check-ins"];

const listRoute = createRoute({
  method: "get",
  path: `${BASE}/check-ins`,
  operationId: "listCheckIns",
  tags: TAGS,
  summary: "The contract's check-ins (past and upcoming, by date) and its schedule",
  request: { params: ContractParams },
  responses: { 200: { description: "The check-ins", ...json(ListSchema) }, ...problems(400, 401, 403, 404) },
});

const scheduleRoute = createRoute({
  method: "put",
  path: `${BASE}/check-in-schedule`,
  operationId: "setCheckInSchedule",
  tags: TAGS,
  summary: "Set the cadence of check-ins from a day to the contract's end, generating them",
  request: { params: ContractParams, body: body(ScheduleBody) },
  responses: {
    200: { description: "The schedule and the check-ins", ...json(ScheduledSchema) },
    ...problems(400, 401, 403, 404, 409),
  },
});

const addRoute = createRoute({
  method: "post",
  path: `${BASE}/check-ins`,
  operationId: "addCheckIn",
  tags: TAGS,
  summary: "Add a single check-in on a day",
  request: { params: ContractParams, body: body(AddBody) },
  responses: { 201: { description: "The check-in", ...json(DetailSchema) }, ...problems(400, 401, 403, 404) },
});

const getRoute = createRoute({
  method: "get",
  path: `${BASE}/check-ins/{checkInId}`,
  operationId: "getCheckIn",
  tags: TAGS,
  summary: "A check-in with its agenda, minutes, notes and action items",
  request: { params: CheckInParams },
  responses: { 200: { description: "The check-in", ...json(DetailSchema) }, ...problems(400, 401, 403, 404) },
});

const changeRoute = createRoute({
  method: "patch",
  path: `${BASE}/check-ins/{checkInId}`,
  operationId: "changeCheckIn",
  tags: TAGS,
  summary: "Move a check-in to another day, or cancel it with a reason (not once it has minutes)",
  request: { params: CheckInParams, body: body(ChangeBody) },
  responses: {
    200: { description: "The check-in", ...json(DetailSchema) },
    ...problems(400, 401, 403, 404, 409),
  },
});

const prepareRoute = createRoute({
  method: "post",
  path: `${BASE}/check-ins/{checkInId}/agenda`,
  operationId: "prepareCheckInAgenda",
  tags: TAGS,
  summary: "Prepare the agenda from today's figures (kept as a snapshot; replaces a previous one)",
  request: { params: CheckInParams },
  responses: {
    200: { description: "The check-in", ...json(DetailSchema) },
    ...problems(400, 401, 403, 404, 409),
  },
});

const agendaRoute = createRoute({
  method: "put",
  path: `${BASE}/check-ins/{checkInId}/agenda`,
  operationId: "editCheckInAgenda",
  tags: TAGS,
  summary: "Replace the agenda's items (add, remove, edit) before minutes are recorded",
  request: { params: CheckInParams, body: body(AgendaBody) },
  responses: {
    200: { description: "The check-in", ...json(DetailSchema) },
    ...problems(400, 401, 403, 404, 409),
  },
});

const minutesRoute = createRoute({
  method: "put",
  path: `${BASE}/check-ins/{checkInId}/minutes`,
  operationId: "saveCheckInMinutes",
  tags: TAGS,
  summary: "Save the minutes (attendees, notes per agenda item, decisions) until they are finalised",
  request: { params: CheckInParams, body: body(MinutesBody) },
  responses: {
    200: { description: "The check-in", ...json(DetailSchema) },
    ...problems(400, 401, 403, 404, 409),
  },
});

const finaliseRoute = createRoute({
  method: "post",
  path: `${BASE}/check-ins/{checkInId}/minutes/finalise`,
  operationId: "finaliseCheckInMinutes",
  tags: TAGS,
  summary: "Finalise the minutes: they are locked from then on (amend with a follow-up note)",
  request: { params: CheckInParams },
  responses: {
    200: { description: "The check-in", ...json(DetailSchema) },
    ...problems(400, 401, 403, 404, 409),
  },
});

const noteRoute = createRoute({
  method: "post",
  path: `${BASE}/check-ins/{checkInId}/notes`,
  operationId: "addCheckInNote",
  tags: TAGS,
  summary: "Add a follow-up note (how finalised minutes are amended)",
  request: { params: CheckInParams, body: body(NoteBody) },
  responses: {
    201: { description: "The check-in", ...json(DetailSchema) },
    ...problems(400, 401, 403, 404, 409),
  },
});

const addItemRoute = createRoute({
  method: "post",
  path: `${BASE}/check-ins/{checkInId}/action-items`,
  operationId: "addCheckInActionItem",
  tags: TAGS,
  summary: "Raise an action item at the check-in (before its minutes are finalised)",
  request: { params: CheckInParams, body: body(ActionItemBody) },
  responses: {
    201: { description: "The action item", ...json(ActionItemSchema) },
    ...problems(400, 401, 403, 404, 409),
  },
});

const changeItemRoute = createRoute({
  method: "patch",
  path: `${BASE}/check-ins/{checkInId}/action-items/{actionItemId}`,
  operationId: "changeCheckInActionItem",
  tags: TAGS,
  summary: "Change an action item's status (any time, kept in its history) or its fields (before finalising)",
  request: { params: ActionItemParams, body: body(ActionItemChangeBody) },
  responses: {
    200: { description: "The action item", ...json(ActionItemSchema) },
    ...problems(400, 401, 403, 404, 409),
  },
});

type Outcome<T> =
  | { readonly kind: "not-found" }
  | { readonly kind: "conflict"; readonly reason: string }
  | {
      readonly kind: "invalid";
      readonly problems: readonly { path: string; code: string; message: string }[];
    }
  | T;

/** Runs a write as the actor and turns expected failures into problems. */
async function write<T extends { readonly kind: "done" | "scheduled" }>(
  c: Context<ApiEnv>,
  what: string,
  run: (tx: SqlRunner, change: CheckInChange) => Promise<Outcome<T>>,
): Promise<T> {
  const { districtId, contractId } = c.req.param() as { districtId: string; contractId: string };
  const actor = c.get("actor");
  const deps = c.get("deps");
  const result = await actAs(deps.db, actorScope(actor), (tx) =>
    run(tx, { actor, at: deps.clock.now(), districtId, contractId }),
  );
  if (result.kind === "not-found") throw new ApiProblem("not-found", `no ${what} of contract ${contractId}`);
  if (result.kind === "conflict") throw new ApiProblem("conflict", result.reason);
  if (result.kind === "invalid")
    throw new ApiProblem("invalid-request", "the request names what the check-in does not have", [
      ...result.problems,
    ]);
  return result as T;
}

export function registerCheckInRoutes(routes: Routes): void {
  routes.add(listRoute, needs("read:contracts"), async (c) => {
    const { districtId, contractId } = c.req.valid("param");
    const found = await actAs(c.get("deps").db, actorScope(c.get("actor")), (tx) =>
      listCheckIns(tx, districtId, contractId),
    );
    if (found === null)
      throw new ApiProblem("not-found", `no contract ${contractId} in district ${districtId}`);
    return c.json({ schedule: found.schedule, items: found.checkIns.map(summaryJson) }, 200);
  });

  routes.add(scheduleRoute, needs("write:check-ins"), async (c) => {
    const b = c.req.valid("json");
    const done = await write(c, "contract", (tx, change) =>
      scheduleCheckIns(tx, { ...change, cadence: { every: b.every, unit: b.unit }, startsOn: b.startsOn }),
    );
    return c.json(
      {
        schedule: done.schedule,
        items: done.checkIns.map(summaryJson),
        created: done.created,
        removed: done.removed,
      },
      200,
    );
  });

  routes.add(addRoute, needs("write:check-ins"), async (c) => {
    const { scheduledOn } = c.req.valid("json");
    const done = await write(c, "contract", (tx, change) => addCheckIn(tx, { ...change, scheduledOn }));
    return c.json(detailJson(done.checkIn), 201);
  });

  routes.add(getRoute, needs("read:contracts"), async (c) => {
    const { districtId, contractId, checkInId } = c.req.valid("param");
    const found = await actAs(c.get("deps").db, actorScope(c.get("actor")), (tx) =>
      readCheckIn(tx, districtId, contractId, BigInt(checkInId)),
    );
    if (found === null)
      throw new ApiProblem("not-found", `no check-in ${checkInId} of contract ${contractId}`);
    return c.json(detailJson(found), 200);
  });

  routes.add(changeRoute, needs("write:check-ins"), async (c) => {
    const checkInId = BigInt(c.req.valid("param").checkInId);
    const b = c.req.valid("json");
    const done = await write(c, `check-in ${checkInId}`, (tx, change) =>
      changeCheckIn(tx, {
        ...change,
        checkInId,
        change:
          b.scheduledOn !== undefined
            ? { kind: "reschedule", scheduledOn: b.scheduledOn }
            : { kind: "cancel", reason: b.cancelReason ?? "" },
      }),
    );
    return c.json(detailJson(done.checkIn), 200);
  });

  routes.add(prepareRoute, needs("write:check-ins"), async (c) => {
    const checkInId = BigInt(c.req.valid("param").checkInId);
    const done = await write(c, `check-in ${checkInId}`, (tx, change) =>
      prepareAgenda(tx, { ...change, checkInId }),
    );
    return c.json(detailJson(done.checkIn), 200);
  });

  routes.add(agendaRoute, needs("write:check-ins"), async (c) => {
    const checkInId = BigInt(c.req.valid("param").checkInId);
    const { items } = c.req.valid("json");
    const done = await write(c, `check-in ${checkInId}`, (tx, change) =>
      editAgenda(tx, { ...change, checkInId, items }),
    );
    return c.json(detailJson(done.checkIn), 200);
  });

  routes.add(minutesRoute, needs("write:check-ins"), async (c) => {
    const checkInId = BigInt(c.req.valid("param").checkInId);
    const minutes = c.req.valid("json");
    const done = await write(c, `check-in ${checkInId}`, (tx, change) =>
      saveMinutes(tx, { ...change, checkInId, minutes }),
    );
    return c.json(detailJson(done.checkIn), 200);
  });

  routes.add(finaliseRoute, needs("write:check-ins"), async (c) => {
    const checkInId = BigInt(c.req.valid("param").checkInId);
    const done = await write(c, `check-in ${checkInId}`, (tx, change) =>
      finaliseMinutes(tx, { ...change, checkInId }),
    );
    return c.json(detailJson(done.checkIn), 200);
  });

  routes.add(noteRoute, needs("write:check-ins"), async (c) => {
    const checkInId = BigInt(c.req.valid("param").checkInId);
    const { body: note } = c.req.valid("json");
    const done = await write(c, `check-in ${checkInId}`, (tx, change) =>
      addNote(tx, { ...change, checkInId, body: note }),
    );
    return c.json(detailJson(done.checkIn), 201);
  });

  routes.add(addItemRoute, needs("write:check-ins"), async (c) => {
    const checkInId = BigInt(c.req.valid("param").checkInId);
    const fields = c.req.valid("json");
    const done = await write(c, `check-in ${checkInId}`, (tx, change) =>
      addActionItem(tx, { ...change, checkInId, fields }),
    );
    return c.json(actionItemJson(done.item), 201);
  });

  routes.add(changeItemRoute, needs("write:check-ins"), async (c) => {
    const params = c.req.valid("param");
    const checkInId = BigInt(params.checkInId);
    const actionItemId = BigInt(params.actionItemId);
    const b = c.req.valid("json");
    const done = await write(c, `action item ${actionItemId}`, (tx, change) =>
      updateActionItem(tx, { ...change, checkInId, actionItemId, change: b }),
    );
    return c.json(actionItemJson(done.item), 200);
  });
}
