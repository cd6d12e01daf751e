/**
 * Validates an OCDS 1.1 release package (JSON Schema draft-04, with ajv-draft-04) twice:
 * against the release package schema with the plain 1.1.5 release schema, and against
 * the release package schema with the release schema merged with the Metrics extension.
 * The schemas are the copies beside this file (see README.md): nothing is fetched.
 *
 * Formats are checked: `date-time` (RFC 3339) and `uri` (an absolute URI) are the only
 * two the schemas use. OCDS's own annotation keywords (codelists, merge rules) are
 * declared so that strict mode still refuses any keyword nobody declared.
 */
import packageSchema from "./release-package-schema.json" with { type: "json" };
import releaseSchema from "./release-schema.json" with { type: "json" };
import metricsReleaseSchema from "./release-schema+metrics.json" with { type: "json" };

/** One failure: the JSON path in the package (`$.releases[0].contracts[0].value.amount`) and why. */
export interface OcdsProblem {
  readonly schema: "release-package" | "release-package+metrics";
  readonly path: string;
  readonly message: string;
}

const OCDS_KEYWORDS = [
  "codelist",
  "openCodelist",
  "omitWhenMerged",
  "wholeListMerge",
  "versionId",
  "deprecated",
  "mergeStrategy",
  "mergeOptions",
];

const RFC3339 =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[Tt]([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)$/;
const ABSOLUTE_URI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$/;

type Validate = ((data: unknown) => boolean) & {
  errors?: { instancePath: string; message?: string; params?: unknown }[] | null;
};

interface Validators {
  readonly plain: Validate;
  readonly metrics: Validate;
}

let compiled: Promise<Validators> | undefined;

async function compile(release: object): Promise<Validate> {
  // ajv-draft-04 is loaded on first use only: `accord ocds` and the tests need it, nothing else.
  // A CommonJS module: its exports object is the class, which also carries itself as `default`.
  const Ajv = (await import("ajv-draft-04")).default.default;
  const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false, strictTuples: false });
  for (const keyword of OCDS_KEYWORDS) ajv.addKeyword(keyword);
  ajv.addFormat("date-time", RFC3339);
  ajv.addFormat("uri", ABSOLUTE_URI);
  ajv.addSchema(release);
  return ajv.compile(packageSchema) as Validate;
}

function validators(): Promise<Validators> {
  compiled ??= (async () => ({
    plain: await compile(releaseSchema),
    metrics: await compile(metricsReleaseSchema),
  }))();
  return compiled;
}

/** `/releases/0/contracts/0` -> `$.releases[0].contracts[0]`. */
export function jsonPathOf(instancePath: string): string {
  const parts = instancePath
    .split("/")
    .slice(1)
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
  return parts.reduce(
    (path, p) =>
      /^\d+$/.test(p)
        ? `${path}[${p}]`
        : /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(p)
          ? `${path}.${p}`
          : `${path}[${JSON.stringify(p)}]`,
    "$",
  );
}

/** The error's parameters, unless they are a long list of allowed values (a codelist). */
function detail(params: unknown): string {
  if (params === undefined || params === null) return "";
  const allowed = (params as { allowedValues?: unknown }).allowedValues;
  if (Array.isArray(allowed) && allowed.length > 20) return "";
  return ` ${JSON.stringify(params)}`;
}

function problemsOf(validate: Validate, data: unknown, schema: OcdsProblem["schema"]): OcdsProblem[] {
  if (validate(data)) return [];
  return (validate.errors ?? []).map((e) => ({
    schema,
    path: jsonPathOf(e.instancePath),
    message: `${e.message ?? "is invalid"}${detail(e.params)}`,
  }));
}

/** Every problem of `data` against both schema sets; empty when the package is valid. */
export async function validateOcdsPackage(data: unknown): Promise<OcdsProblem[]> {
  const { plain, metrics } = await validators();
  return [
    ...problemsOf(plain, data, "release-package"),
    ...problemsOf(metrics, data, "release-package+metrics"),
  ];
}

/** One line per problem: `release-package+metrics $.releases[0].tag[0]: must be equal to one of the allowed values`. */
export function formatOcdsProblems(problems: readonly OcdsProblem[]): string {
  return problems.map((p) => `${p.schema} ${p.path}: ${p.message}`).join("\n");
}
