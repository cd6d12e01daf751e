/**
 * Administration: an organization's API tokens (district administrators and vendor
 * users), its members (district administrators), and organizations (platform
 * administrators, who see names and counts, never a district's data). Only a person
 * signed in administers: an API token may revoke itself and nothing more.
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { ApiEnv } from "../api-env.js";
import { needs, type Routes } from "../define-route.js";
import { ApiProblem } from "../problem.js";
import { ID, IsoDateSchema, problems } from "../schemas.js";
import type { SessionActor } from "../../app/auth/second-factor.js";
import { ROLES } from "../../app/auth/roles.js";
import { parseIsoDate } from "../../core/date.js";
import { createApiToken, listApiTokens, revokeApiToken } from "../../app/auth/manage-api-tokens.js";
import { addMember, listMembers, removeMember } from "../../app/auth/manage-members.js";
import { addOrganization, listOrganizations } from "../../app/auth/manage-organizations.js";
import { deliverMail } from "../../app/auth/deliver-mail.js";
import type { AccountMail } from "../../app/auth/password-reset.js";

const Role = z.enum(ROLES);
const Name = z.string().trim().min(1).max(200);
const Email = z.email().max(320);

const TokenSchema = z
  .object({
    tokenId: z.string(),
    name: z.string(),
    role: Role,
    createdBy: z.string(),
    createdAt: z.string(),
    expiresAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
  })
  .openapi("ApiToken");
const NewTokenSchema = TokenSchema.extend({
  token: z.string().openapi({ description: "The secret (acc_...), shown this once" }),
}).openapi("NewApiToken");
const NewTokenBody = z
  .strictObject({
    name: Name,
    role: Role.optional(),
    expiresOn: IsoDateSchema.refine((d) => parseIsoDate(d) !== null, "a real day")
      .optional()
      .openapi({ description: "The last day (UTC) the token works" }),
  })
  .openapi("NewApiTokenRequest");

const MemberSchema = z
  .object({
    userId: z.string(),
    email: z.string(),
    displayName: z.string(),
    role: Role,
    memberSince: z.string(),
    secondFactorEnrolled: z.boolean(),
    passwordSet: z.boolean(),
  })
  .openapi("Member");
const AddedMemberSchema = z
  .object({ member: MemberSchema, accountCreated: z.boolean(), invitationSent: z.boolean() })
  .openapi("AddedMember");
const NewMemberBody = z.strictObject({ email: Email, displayName: Name, role: Role }).openapi("NewMember");

const OrganizationSchema = z
  .object({
    organizationId: z.string(),
    kind: z.enum(["district", "vendor", "platform"]),
    name: z.string(),
    createdAt: z.string(),
    members: z.number().int(),
  })
  .openapi("Organization");
const NewOrganizationBody = z
  .strictObject({
    id: ID,
    kind: z.enum(["district", "vendor"]),
    name: Name,
    firstMember: z
      .strictObject({ email: Email, displayName: Name })
      .optional()
      .openapi({ description: "Its administrator (a vendor's user), mailed a link to set a password" }),
  })
  .openapi("NewOrganization");
const NewOrganizationSchema = z
  .object({ organizationId: z.string(), firstMember: AddedMemberSchema.nullable() })
  .openapi("NewOrganizationResult");

const json = <S extends z.ZodType>(schema: S) => ({ content: { "application/json": { schema } } });
const body = <S extends z.ZodType>(schema: S) => ({ body: { ...json(schema), required: true } });
const TokenParams = z.object({ tokenId: ID.openapi({ param: { name: "tokenId", in: "path" } }) });
const UserParams = z.object({ userId: ID.openapi({ param: { name: "userId", in: "path" } }) });
function route<M extends "get" | "post" | "delete">(
  method: M,
  path: string,
  operationId: string,
  tag: string,
  summary: string,
) {
  return { method, path, operationId, tags: [tag], summary };
}

const listTokens = createRoute({
  ...route("get", "/api/tokens", "listApiTokens", "API tokens", "The organization's API tokens (no secrets)"),
  responses: { 200: { description: "Tokens", ...json(z.array(TokenSchema)) }, ...problems(401, 403) },
});
const createToken = createRoute({
  ...route("post", "/api/tokens", "createApiToken", "API tokens", "Create an API token for the organization"),
  request: body(NewTokenBody),
  responses: { 201: { description: "Created", ...json(NewTokenSchema) }, ...problems(400, 401, 403) },
});
const revokeToken = createRoute({
  ...route("delete", "/api/tokens/{tokenId}", "revokeApiToken", "API tokens", "Revoke an API token"),
  request: { params: TokenParams },
  responses: { 204: { description: "Revoked" }, ...problems(401, 403, 404) },
});
const listUsers = createRoute({
  ...route("get", "/api/users", "listUsers", "Administration", "The organization's members"),
  responses: { 200: { description: "Members", ...json(z.array(MemberSchema)) }, ...problems(401, 403) },
});
const addUser = createRoute({
  ...route(
    "post",
    "/api/users",
    "addUser",
    "Administration",
    "Add a member (a new account is mailed a link)",
  ),
  request: body(NewMemberBody),
  responses: { 201: { description: "Added", ...json(AddedMemberSchema) }, ...problems(400, 401, 403, 409) },
});
const removeUser = createRoute({
  ...route(
    "delete",
    "/api/users/{userId}/membership",
    "removeMembership",
    "Administration",
    "Remove a member from the organization",
  ),
  request: { params: UserParams },
  responses: { 204: { description: "Removed" }, ...problems(401, 403, 404, 409) },
});
const listOrgs = createRoute({
  ...route("get", "/api/organizations", "listOrganizations", "Administration", "Every organization"),
  responses: {
    200: { description: "Organizations", ...json(z.array(OrganizationSchema)) },
    ...problems(401, 403),
  },
});
const createOrg = createRoute({
  ...route(
    "post",
    "/api/organizations",
    "createOrganization",
    "Administration",
    "Create a district or vendor",
  ),
  request: body(NewOrganizationBody),
  responses: {
    201: { description: "Created", ...json(NewOrganizationSchema) },
    ...problems(400, 401, 403, 409),
  },
});

/** The signed-in person of a browser session; API tokens administer nothing. */
export function personActor(c: Context<ApiEnv>): SessionActor {
  const actor = c.get("actor");
  if (actor.userId === null || actor.session === null)
    throw new ApiProblem("forbidden", "only a person signed in does this, not an API token");
  return actor as SessionActor;
}

const roleProblem = (path: string) =>
  new ApiProblem("invalid-request", "the role is not one of this organization's", [
    { path, code: "role-not-allowed", message: "district roles for a district, vendor_user for a vendor" },
  ]);

async function invite(
  c: Context<ApiEnv>,
  mail: AccountMail | null,
  organizationId: string,
): Promise<boolean> {
  if (mail === null) return false;
  return deliverMail(c.get("deps"), mail.message, {
    userId: mail.userId,
    organizationId,
    purpose: "invitation",
  });
}

export function registerAdminRoutes(routes: Routes): void {
  routes.add(listTokens, needs("admin:tokens"), async (c) =>
    c.json(await listApiTokens(c.get("deps").db, personActor(c)), 200),
  );
  routes.add(createToken, needs("admin:tokens"), async (c) => {
    const request = c.req.valid("json");
    const result = await createApiToken(c.get("deps"), personActor(c), {
      name: request.name,
      role: request.role ?? null,
      expiresOn: request.expiresOn === undefined ? null : parseIsoDate(request.expiresOn),
    });
    if (result.kind === "role-not-allowed") throw roleProblem("$.body.role");
    if (result.kind === "expiry-past")
      throw new ApiProblem("invalid-request", "the token would be expired already", [
        { path: "$.body.expiresOn", code: "date-past", message: "give today or a later day" },
      ]);
    return c.json({ ...result.summary, token: result.token }, 201);
  });
  routes.add(revokeToken, needs("admin:tokens"), async (c) => {
    const { tokenId } = c.req.valid("param");
    const result = await revokeApiToken(c.get("deps"), c.get("actor"), tokenId);
    if (result.kind === "not-found") throw new ApiProblem("not-found", `no API token ${tokenId}`);
    if (result.kind === "not-own-token")
      throw new ApiProblem("forbidden", "an API token may revoke only itself; sign in to revoke others");
    return c.body(null, 204);
  });
  routes.add(listUsers, needs("admin:organization"), async (c) =>
    c.json(await listMembers(c.get("deps").db, personActor(c)), 200),
  );
  routes.add(addUser, needs("admin:organization"), async (c) => {
    const deps = c.get("deps");
    const actor = personActor(c);
    const result = await addMember({ ...deps, publicUrl: deps.config.publicUrl }, actor, c.req.valid("json"));
    if (result.kind === "role-not-allowed") throw roleProblem("$.body.role");
    if (result.kind === "already-member") throw new ApiProblem("conflict", "the account is a member already");
    if (result.kind === "account-disabled") throw new ApiProblem("conflict", "the account is disabled");
    const invitationSent = await invite(c, result.mail, actor.organizationId);
    return c.json({ member: result.member, accountCreated: result.accountCreated, invitationSent }, 201);
  });
  routes.add(removeUser, needs("admin:organization"), async (c) => {
    const { userId } = c.req.valid("param");
    const result = await removeMember(c.get("deps"), personActor(c), userId);
    if (result.kind === "not-found") throw new ApiProblem("not-found", `no member ${userId}`);
    if (result.kind === "last-admin")
      throw new ApiProblem("conflict", "the organization's last administrator cannot be removed");
    return c.body(null, 204);
  });
  routes.add(listOrgs, needs("admin:platform"), async (c) =>
    c.json(await listOrganizations(c.get("deps").db, personActor(c)), 200),
  );
  routes.add(createOrg, needs("admin:platform"), async (c) => {
    const deps = c.get("deps");
    const request = c.req.valid("json");
    const result = await addOrganization({ ...deps, publicUrl: deps.config.publicUrl }, personActor(c), {
      ...request,
      firstMember: request.firstMember ?? null,
    });
    if (result.kind === "exists") throw new ApiProblem("conflict", `organization ${request.id} exists`);
    if (result.kind === "first-member-disabled")
      throw new ApiProblem("conflict", "the first member's account is disabled");
    const added = result.firstMember;
    const firstMember =
      added === null
        ? null
        : {
            member: added.member,
            accountCreated: added.accountCreated,
            invitationSent: await invite(c, added.mail, request.id),
          };
    return c.json({ organizationId: request.id, firstMember }, 201);
  });
}
