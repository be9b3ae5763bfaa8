-- Credit notes (decision 0019): an invoiced order whose delivery was cancelled or failed gets one credit note for the
-- whole invoice, numbered CN-<year>-<6 digits> from a counter of its own, gapless like the invoices (decision 0017).

CREATE TABLE IF NOT EXISTS credit_note_counters (
    year        integer PRIMARY KEY CHECK (year BETWEEN 1 AND 9999),
    last_number integer NOT NULL CHECK (last_number >= 0)
);

-- One credit note per invoice (and so per order): the UNIQUE columns are the safety net behind the consumer's check.
CREATE TABLE IF NOT EXISTS credit_notes (
    credit_note_number text        PRIMARY KEY,
    year               integer     NOT NULL,
    sequence           integer     NOT NULL CHECK (sequence > 0),
    invoice_number     text        NOT NULL UNIQUE REFERENCES invoices (invoice_number),
    order_id           text        NOT NULL UNIQUE,
    gross              numeric     NOT NULL,
    currency           text        NOT NULL,
    reason             text        NOT NULL,
    credited_at        timestamptz NOT NULL,
    source_event_id    uuid        NOT NULL,
    UNIQUE (year, sequence)
);

-- The check of 0001_invoices.sql for any numbered table: TG_ARGV[0] names the table whose (year, sequence) must hold
-- every number the committing transaction took from the counter.
CREATE OR REPLACE FUNCTION document_numbers_all_used() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    taken_after integer := CASE WHEN TG_OP = 'UPDATE' THEN OLD.last_number ELSE 0 END;
    used        bigint;
BEGIN
    EXECUTE format('SELECT count(*) FROM %I WHERE year = $1 AND sequence > $2 AND sequence <= $3', TG_ARGV[0])
        INTO used USING NEW.year, taken_after, NEW.last_number;
    IF used <> NEW.last_number - taken_after THEN
        RAISE EXCEPTION '% numbers % to % of % were taken but only % used: that would leave a gap',
            TG_ARGV[0], taken_after + 1, NEW.last_number, NEW.year, used
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER credit_note_numbers_gapless
    AFTER INSERT OR UPDATE ON credit_note_counters
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION document_numbers_all_used('credit_notes');

-- Orders whose delivery was cancelled or failed before they were invoiced: their order.confirmed, if it comes, issues
-- no invoice. The first verdict seen is kept.
CREATE TABLE IF NOT EXISTS uninvoiced_cancellations (
    order_id        text        PRIMARY KEY,
    reason          text        NOT NULL,
    source_event_id uuid        NOT NULL,
    cancelled_at    timestamptz NOT NULL
);
