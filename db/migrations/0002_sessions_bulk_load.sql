-- Service sessions are the one table that grows by millions of rows a year, and they are
-- loaded with COPY. On the 3,000,000-row session file of the benchmark, COPY into this
-- table took 3.4-4.7 s without keys, 8.6 s with the primary key alone, 17.6 s with the
-- primary and unique keys, and 39 s with the two foreign keys (docs/decisions/0006).
-- So the table keeps no key and no foreign key; the importer guarantees what they did:
-- each row is one source line of one batch written in the batch's own transaction, its
-- contract is checked to exist before it is written, and a repeated (contract_id,
-- session_id) replaces the earlier row (data-v1) before the transaction commits.
-- district_id stays the first column: the table distributes on Citus like the others.
ALTER TABLE service_sessions DROP CONSTRAINT service_sessions_pkey;
ALTER TABLE service_sessions DROP CONSTRAINT service_sessions_district_id_contract_id_session_id_key;
ALTER TABLE service_sessions DROP CONSTRAINT service_sessions_district_id_batch_id_fkey;
ALTER TABLE service_sessions DROP CONSTRAINT service_sessions_district_id_contract_id_fkey;

-- A block-range index: a batch's rows are appended together, so it finds them for a few
-- kilobytes of index and almost no cost at load.
CREATE INDEX service_sessions_batch ON service_sessions USING brin (batch_id);

-- What a settlement needs of the sessions, kept current by every import: per contract
-- and student, the attended sessions inside the contract's period (counted_from ..
-- counted_to, the period of its latest terms when counted), their minutes, the dates of
-- the first and last, and the sessions per tutor (a JSON object, tutor id -> sessions;
-- sessions without a tutor count only in `sessions`). A settlement reads these instead
-- of the sessions when its counting range ends on or after every last_on.
CREATE TABLE session_rollups (
  district_id text NOT NULL,
  contract_id text NOT NULL,
  student_id text NOT NULL,
  sessions integer NOT NULL CHECK (sessions >= 1),
  minutes bigint NOT NULL CHECK (minutes >= 0),
  first_on date NOT NULL,
  last_on date NOT NULL CHECK (last_on >= first_on),
  tutor_sessions jsonb NOT NULL CHECK (jsonb_typeof(tutor_sessions) = 'object'),
  -- The most sessions with one tutor (the largest value of tutor_sessions; 0 for none).
  top_tutor_sessions integer NOT NULL CHECK (top_tutor_sessions BETWEEN 0 AND sessions),
  counted_from date NOT NULL,
  counted_to date NOT NULL,
  CHECK (counted_from <= first_on AND last_on <= counted_to),
  PRIMARY KEY (district_id, contract_id, student_id),
  FOREIGN KEY (district_id, contract_id) REFERENCES contracts (district_id, contract_id)
);

-- Per batch and contract, how many session rows were written and how many carry a
-- session_id: an import looks here to know whether a key could repeat a stored one.
CREATE TABLE session_batches (
  district_id text NOT NULL,
  batch_id bigint NOT NULL,
  contract_id text NOT NULL,
  rows_written integer NOT NULL CHECK (rows_written >= 0),
  keyed_rows integer NOT NULL CHECK (keyed_rows >= 0),
  PRIMARY KEY (district_id, batch_id, contract_id),
  FOREIGN KEY (district_id, batch_id) REFERENCES import_batches (district_id, batch_id),
  FOREIGN KEY (district_id, contract_id) REFERENCES contracts (district_id, contract_id)
);
CREATE INDEX session_batches_contract ON session_batches (district_id, contract_id);
