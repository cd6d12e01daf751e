/**
 * `accord invoice`: the invoice in force of a statement, written as PDF and CSV files,
 * read from the store as the district (row-level security applies). Issuing and voiding
 * stay with a signed-in district administrator (the API and the web app), whose name
 * the invoice and the audit log carry.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { actAs } from "../app/act-as.js";
import { invoiceOfStatement } from "../app/invoices/read-invoices.js";
import { invoiceCsv } from "../adapters/documents/invoice-csv.js";
import { invoiceFileName } from "../adapters/documents/invoice-file.js";
import { invoicePdf } from "../adapters/documents/invoice-pdf.js";
import { formatCents } from "../core/money.js";
import { EXIT_INVALID, EXIT_OK, UsageError, say } from "./io.js";
import { districtOption, withStore, type Env } from "./store.js";

export const INVOICE_HELP = `Usage: accord invoice --statement ID --district ID [--out DIR]

Writes the invoice in force of a statement as invoice-<number>.pdf and
invoice-<number>.csv into DIR (default: the current directory), and prints its
number, amount due and due date. A district administrator issues an approved
statement's invoice in the web app or with POST
/api/districts/{district}/contracts/{contract}/statements/{statement}/invoice.

  --statement ID  the statement (its number)
  --district ID   the district (the command reads its store rows as that district)
  --out DIR       the folder to write to (created if missing)
`;

export async function invoiceCommand(args: string[], env: Env = process.env): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      statement: { type: "string" },
      district: { type: "string" },
      out: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(INVOICE_HELP);
    return EXIT_OK;
  }
  const districtId = districtOption(values.district);
  const statement = values.statement?.trim() ?? "";
  if (!/^[1-9]\d{0,17}$/.test(statement)) throw new UsageError("--statement needs a statement number");
  const invoice = await withStore(env, (db) =>
    actAs(db, { organizationId: districtId, orgKind: "district" }, (tx) =>
      invoiceOfStatement(tx, districtId, BigInt(statement)),
    ),
  );
  if (invoice === null) {
    say(`accord: statement ${statement} of district ${districtId} has no invoice in force`);
    return EXIT_INVALID;
  }
  const dir = values.out ?? ".";
  await mkdir(dir, { recursive: true });
  const pdf = join(dir, invoiceFileName(invoice, "pdf"));
  const csv = join(dir, invoiceFileName(invoice, "csv"));
  await writeFile(pdf, await invoicePdf(invoice));
  await writeFile(csv, invoiceCsv(invoice));
  process.stdout.write(
    `${invoice.invoiceNumber}: ${invoice.currency} ${formatCents(invoice.amountCents)} due ${invoice.dueDate}\n`,
  );
  say(`accord: wrote ${pdf} and ${csv}`);
  return EXIT_OK;
}
