-- Insert variant: the state change is one new row per event.
CREATE TABLE bench_events (
    event_id uuid PRIMARY KEY,
    order_id text    NOT NULL,
    amount   numeric NOT NULL
);

-- Update variant: the state change is one existing row updated per event (read-modify-write in SQL).
CREATE TABLE bench_accounts (
    order_id text PRIMARY KEY,
    balance  numeric NOT NULL DEFAULT 0,
    events   integer NOT NULL DEFAULT 0
);
