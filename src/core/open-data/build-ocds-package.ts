/**
 * An OCDS 1.1 release package of a district's published contracts: one release per
 * contract, in contract id order (byte order), declaring the Metrics extension. The
 * package's `publishedDate` is the latest release date (OCDS: for a package generated on
 * demand, the date of the last change to its contents), so the same facts give the
 * same bytes. Only contracts at a published stage (PUBLISHED_STAGES) may be given.
 */
import { compareIds } from "../ids.js";
import { buildOcdsRelease } from "./build-ocds-release.js";
import type { OcdsReleasePackage, OpenContract } from "./ocds-types.js";
import { METRICS_EXTENSION_URL, OCID_PREFIX, latestDateTime } from "./ocds-values.js";

export interface PackageOptions {
  /** The package's URI: where it is served, or a URN when it is written to a file. */
  readonly uri: string;
  /** The publisher: the district. */
  readonly publisherName: string;
  readonly ocidPrefix?: string;
}

/** Null when there is no contract to publish (OCDS asks for at least one release). */
export function buildOcdsPackage(
  contracts: readonly OpenContract[],
  options: PackageOptions,
): OcdsReleasePackage | null {
  const ordered = [...contracts].sort((a, b) => compareIds(a.contract.contractId, b.contract.contractId));
  const releases = ordered.map((c) => buildOcdsRelease(c, options.ocidPrefix ?? OCID_PREFIX));
  const [first, ...rest] = releases;
  if (first === undefined) return null;
  return {
    uri: options.uri,
    version: "1.1",
    extensions: [METRICS_EXTENSION_URL],
    publishedDate: latestDateTime(first.date, ...rest.map((r) => r.date)),
    publisher: { name: options.publisherName },
    releases,
  };
}
