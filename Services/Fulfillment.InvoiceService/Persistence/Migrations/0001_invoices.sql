-- invoice-service tables. The chassis creates outbox_messages and inbox_messages (the processed-events table) itself.

-- One row per invoice year: the last number handed out. Numbers are taken by incrementing it inside the transaction
-- that writes the invoices, so they commit or roll back together (no gap), and the row lock makes concurrent
-- batches, of any instance, take their blocks one after the other (no duplicate). Decision 0017.
CREATE TABLE IF NOT EXISTS invoice_counters (
    year        integer PRIMARY KEY CHECK (year BETWEEN 1 AND 9999),
    last_number integer NOT NULL CHECK (last_number >= 0)
);

-- One invoice per order: UNIQUE order_id is the durable guarantee behind the inbox and the consumer's check, and
-- UNIQUE (year, sequence) behind the counter.
CREATE TABLE IF NOT EXISTS invoices (
    invoice_number  text        PRIMARY KEY,
    year            integer     NOT NULL,
    sequence        integer     NOT NULL CHECK (sequence > 0),
    order_id        text        NOT NULL UNIQUE,
    customer_id     text        NOT NULL,
    currency        text        NOT NULL,
    net             numeric     NOT NULL,
    tax_rate        numeric     NOT NULL CHECK (tax_rate >= 0 AND tax_rate <= 1),
    tax             numeric     NOT NULL,
    gross           numeric     NOT NULL CHECK (gross = net + tax),
    issued_at       timestamptz NOT NULL,
    due_at          timestamptz NOT NULL CHECK (due_at >= issued_at),
    source_event_id uuid        NOT NULL,
    UNIQUE (year, sequence)
);

-- The invoice's lines, in the order's line order.
CREATE TABLE IF NOT EXISTS invoice_items (
    invoice_number text    NOT NULL REFERENCES invoices (invoice_number) ON DELETE CASCADE,
    line_no        integer NOT NULL,
    sku            text    NOT NULL,
    quantity       integer NOT NULL CHECK (quantity > 0),
    unit_price     numeric NOT NULL CHECK (unit_price >= 0),
    net            numeric NOT NULL,
    PRIMARY KEY (invoice_number, line_no)
);

-- Gapless, checked by the database itself: when a transaction that moved a year's counter commits, every number it
-- took must be on an invoice. A number taken and left unused (a bug in the service) fails the commit instead of
-- leaving a gap. Deferred to the commit, when the transaction's invoices are all written; one index range count
-- over the numbers the transaction took, whatever the year's size.
CREATE OR REPLACE FUNCTION invoice_numbers_all_used() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    taken_after integer := CASE WHEN TG_OP = 'UPDATE' THEN OLD.last_number ELSE 0 END;
    used        bigint;
BEGIN
    SELECT count(*) INTO used
    FROM invoices
    WHERE year = NEW.year AND sequence > taken_after AND sequence <= NEW.last_number;
    IF used <> NEW.last_number - taken_after THEN
        RAISE EXCEPTION 'invoice numbers % to % of % were taken but only % used: that would leave a gap',
            taken_after + 1, NEW.last_number, NEW.year, used
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER invoice_numbers_gapless
    AFTER INSERT OR UPDATE ON invoice_counters
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION invoice_numbers_all_used();
