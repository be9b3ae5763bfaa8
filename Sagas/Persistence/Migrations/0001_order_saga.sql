-- The order saga (Fulfillment.Sagas): one row per order, written by the saga's own repository inside the
-- handling transaction of query-api's consumer group, with `version` as the optimistic concurrency token.
-- Recorded as "sagas/0001_order_saga.sql"; IF NOT EXISTS keeps it harmless on a database that already has it.

CREATE TABLE IF NOT EXISTS order_sagas (
    correlation_id        uuid        PRIMARY KEY,
    order_id              text        NOT NULL,
    current_state         text        NOT NULL,
    version               integer     NOT NULL,
    created_at            timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL,
    state_entered_at      timestamptz NOT NULL,
    order_created_at      timestamptz NULL,
    inventory_reserved_at timestamptz NULL,
    inventory_rejected_at timestamptz NULL,
    payment_authorized_at timestamptz NULL,
    payment_failed_at     timestamptz NULL,
    delivery_assigned_at  timestamptz NULL,
    delivered_at          timestamptz NULL,
    stock_released        boolean     NOT NULL DEFAULT false,
    stock_released_at     timestamptz NULL,
    failure_reason        text        NULL,
    estimated_arrival     timestamptz NULL,
    eta_sequence          integer     NULL,
    stalled               boolean     NOT NULL DEFAULT false,
    stalled_at            timestamptz NULL,
    history               jsonb       NOT NULL DEFAULT '[]'::jsonb
);

-- The stalled-saga detector's scan: only sagas that wait on another service and are not flagged yet. The predicate
-- is repeated literally in the detector's query so that the planner can use this partial index.
CREATE INDEX IF NOT EXISTS ix_order_sagas_awaiting_progress
    ON order_sagas (state_entered_at)
    WHERE NOT stalled AND current_state IN ('CREATED', 'INVENTORY_RESERVED', 'PAYMENT_AUTHORIZED', 'PAYMENT_FAILED');
