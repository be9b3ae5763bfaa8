-- inventory-service tables. The chassis creates outbox_messages and inbox_messages itself.

-- Units on hand per SKU. "available" can be reserved; "reserved" is held by live reservations.
-- The CHECK is the last line of defence against overselling: the reservation code never lets it fire.
CREATE TABLE IF NOT EXISTS stock (
    sku        text        PRIMARY KEY,
    warehouse  text        NOT NULL,
    available  integer     NOT NULL CHECK (available >= 0),
    reserved   integer     NOT NULL DEFAULT 0 CHECK (reserved >= 0),
    updated_at timestamptz NOT NULL
);

-- One allocation decision per order (reserved, rejected, later released, or cancelled when the payment failure
-- was seen first). The UNIQUE order_id makes a second order.created for the same order unable to reserve twice.
CREATE TABLE IF NOT EXISTS reservations (
    reservation_id  uuid        PRIMARY KEY,
    order_id        text        NOT NULL UNIQUE,
    warehouse       text        NOT NULL,
    status          text        NOT NULL CHECK (status IN ('reserved', 'rejected', 'released', 'cancelled')),
    reason          text        NULL,
    source_event_id uuid        NOT NULL,
    created_at      timestamptz NOT NULL,
    released_at     timestamptz NULL
);

-- What a reservation holds: one row per SKU (repeated order lines are summed).
CREATE TABLE IF NOT EXISTS reservation_lines (
    reservation_id uuid    NOT NULL REFERENCES reservations (reservation_id) ON DELETE CASCADE,
    sku            text    NOT NULL,
    quantity       integer NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (reservation_id, sku)
);
