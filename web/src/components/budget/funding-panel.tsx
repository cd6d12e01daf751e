/**
 * The contract page's "Funding" panel, for district staff only: the contract's
 * encumbrance per funding source (encumbered, paid, released, outstanding), and for
 * district administrators of a contract not yet encumbered a form that splits its
 * maxValue over the district's funding sources. Vendors never see it.
 */
import { useState, type FormEvent } from "react";
import type { ApiClient, ApiError } from "../../lib/api-client.js";
import {
  contractFunding,
  encumberContract,
  listFundingSources,
  type ContractFunding,
  type FundingSource,
} from "../../lib/api/budget.js";
import { formatMoney, parseMoneyCents } from "../../lib/money.js";
import { asApiError, useLoad } from "../../use-load.js";
import { ErrorMessage } from "../error-message.js";
import { LoadView } from "../load-view.js";
import "../../styles/budget.css";

export function FundingPanel(props: { api: ApiClient; districtId: string; contractId: string }) {
  const { api, districtId, contractId } = props;
  const session = useLoad("session", () => api.session());
  const me = session.result.state === "ready" ? session.result.data : null;
  if (me === null || me.organizationKind !== "district") return null;
  return <Funding {...props} admin={me.role === "district_admin"} key={`${districtId}/${contractId}`} />;
}

function Funding(props: { api: ApiClient; districtId: string; contractId: string; admin: boolean }) {
  const { api, districtId, contractId } = props;
  const funding = useLoad(`${districtId}/${contractId}/funding`, () =>
    contractFunding(api, districtId, contractId),
  );
  return (
    <section aria-labelledby="funding-heading">
      <h2 id="funding-heading">Funding</h2>
      <LoadView result={funding.result} retry={funding.retry} what="the funding">
        {(f) =>
          f.splits.length === 0 ? (
            <>
              <p className="empty">
                Not encumbered: no funding source holds this contract's {formatMoney(f.maxValue)} yet.
              </p>
              {props.admin && <EncumberForm {...props} funding={f} onDone={funding.retry} />}
            </>
          ) : (
            <SplitsTable funding={f} />
          )
        }
      </LoadView>
    </section>
  );
}

function SplitsTable(props: { funding: ContractFunding }) {
  return (
    <div className="table-wrap" role="region" aria-labelledby="funding-caption" tabIndex={0}>
      <table className="funding-splits">
        <caption id="funding-caption">
          Encumbrance of the maxValue {formatMoney(props.funding.maxValue)} by funding source
        </caption>
        <thead>
          <tr>
            <th scope="col">Source</th>
            <th scope="col" className="num">
              Encumbered
            </th>
            <th scope="col" className="num">
              Paid
            </th>
            <th scope="col" className="num">
              Released
            </th>
            <th scope="col" className="num">
              Outstanding
            </th>
          </tr>
        </thead>
        <tbody>
          {props.funding.splits.map((s) => (
            <tr key={s.fundingSourceId}>
              <th scope="row">
                {s.code}
                <span className="sub">{s.name}</span>
              </th>
              <td className="num">{formatMoney(s.encumbered)}</td>
              <td className="num">{formatMoney(s.paid)}</td>
              <td className="num">{formatMoney(s.released)}</td>
              <td className="num">{formatMoney(s.outstanding)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Cents of what was typed ("4666.67", "4666.6", "4666"), or null. */
function typedCents(text: string): bigint | null {
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (match === null) return null;
  return parseMoneyCents(`${match[1] ?? "0"}.${(match[2] ?? "").padEnd(2, "0")}`);
}

function EncumberForm(props: {
  api: ApiClient;
  districtId: string;
  contractId: string;
  funding: ContractFunding;
  onDone: () => void;
}) {
  const { api, districtId, contractId } = props;
  const sources = useLoad(`budget/${districtId}`, () => listFundingSources(api, districtId));
  const [amounts, setAmounts] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const entered = Object.entries(amounts).filter(([, v]) => v.trim() !== "");
  const parsed = entered.map(([, v]) => typedCents(v));
  const sum = parsed.every((c) => c !== null) ? parsed.reduce<bigint>((s, c) => s + (c ?? 0n), 0n) : null;
  function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    encumberContract(
      api,
      districtId,
      contractId,
      entered.map(([fundingSourceId, amount]) => ({ fundingSourceId, amount: amount.trim() })),
    ).then(
      () => {
        setBusy(false);
        props.onDone();
      },
      (e: unknown) => {
        setBusy(false);
        setError(asApiError(e));
      },
    );
  }
  return (
    <LoadView result={sources.result} retry={sources.retry} what="the funding sources">
      {(items: FundingSource[]) =>
        items.length === 0 ? (
          <p className="empty">The district has no funding sources yet: add one on the Budget page.</p>
        ) : (
          <form className="encumber-form" onSubmit={submit}>
            <fieldset>
              <legend>Encumber {formatMoney(props.funding.maxValue)} on funding sources</legend>
              {items.map((s) => (
                <div className="field" key={s.fundingSourceId}>
                  <label htmlFor={`encumber-${s.fundingSourceId}`}>
                    {s.code} ({formatMoney(s.balance.available)} available, ends {s.endsOn})
                  </label>
                  <input
                    id={`encumber-${s.fundingSourceId}`}
                    type="text"
                    inputMode="decimal"
                    value={amounts[s.fundingSourceId] ?? ""}
                    onChange={(e) => {
                      const value = e.currentTarget.value;
                      setAmounts((a) => ({ ...a, [s.fundingSourceId]: value }));
                    }}
                  />
                </div>
              ))}
              <p className="sub" aria-live="polite">
                {sum === null
                  ? "An amount is not dollars and cents."
                  : `Split so far: ${formatMoney(sum)} of ${formatMoney(props.funding.maxValue)}`}
              </p>
              <button type="submit" className="primary" disabled={busy || entered.length === 0}>
                {busy ? "Encumbering…" : "Encumber"}
              </button>
            </fieldset>
            {error !== null && <ErrorMessage title="The server refused" error={error} />}
          </form>
        )
      }
    </LoadView>
  );
}
