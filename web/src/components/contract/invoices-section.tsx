/**
 * The contract's invoices, newest first, voided ones too: number, statement billed,
 * amount due, issue and due dates, status, and the PDF of each.
 */
import type { ApiClient } from "../../lib/api-client.js";
import { formatIsoDate } from "../../lib/dates.js";
import { formatMoney } from "../../lib/money.js";
import { invoiceFileUrl, listInvoices } from "../../lib/api/invoices.js";
import { statementPath } from "../../lib/routes.js";
import { useLoad } from "../../use-load.js";
import { Link } from "../link.js";
import { LoadView } from "../load-view.js";
import { Badge } from "../page-heading.js";

export function InvoicesSection(props: { api: ApiClient; districtId: string; contractId: string }) {
  const { api, districtId, contractId } = props;
  const { result, retry } = useLoad(`${districtId}/${contractId}/invoices`, () =>
    listInvoices(api, districtId, contractId),
  );
  return (
    <section aria-labelledby="invoices-heading">
      <h2 id="invoices-heading">Invoices</h2>
      <LoadView result={result} retry={retry} what="the invoices">
        {(items) =>
          items.length === 0 ? (
            <p className="empty">No invoice has been issued for this contract yet.</p>
          ) : (
            <div className="table-wrap" role="region" aria-labelledby="invoices-caption" tabIndex={0}>
              <table>
                <caption id="invoices-caption">Invoices, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">Invoice</th>
                    <th scope="col">Statement</th>
                    <th scope="col">Amount due</th>
                    <th scope="col">Issued</th>
                    <th scope="col">Due</th>
                    <th scope="col">Status</th>
                    <th scope="col">File</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((i) => (
                    <tr key={i.invoiceId}>
                      <th scope="row">{i.invoiceNumber}</th>
                      <td>
                        <Link to={statementPath(districtId, contractId, i.statementId)}>
                          Statement {i.statementId}
                        </Link>
                      </td>
                      <td className="num">{formatMoney(i.amountDue, i.currency)}</td>
                      <td>{formatIsoDate(i.issueDate)}</td>
                      <td>{formatIsoDate(i.dueDate)}</td>
                      <td>
                        <Badge kind={i.status === "void" ? "none" : "issued"}>{i.status}</Badge>
                        {i.voidReason !== null && <div className="sub">{i.voidReason}</div>}
                      </td>
                      <td>
                        <a href={invoiceFileUrl(i, "pdf")} download>
                          PDF<span className="visually-hidden"> of {i.invoiceNumber}</span>
                        </a>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </LoadView>
    </section>
  );
}
