-- The sample service's own table: one row per handled event, in handling order.
CREATE TABLE handled_events (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id   text        NOT NULL,
    event_id   uuid        NOT NULL,
    sequence   integer     NOT NULL,
    handled_at timestamptz NOT NULL DEFAULT now()
);
