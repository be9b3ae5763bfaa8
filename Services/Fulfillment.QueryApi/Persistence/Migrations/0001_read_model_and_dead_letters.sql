-- query-api: the order read model, its timeline, its rebuild bookkeeping, and the recorded dead letters.

-- One denormalized row per order, merged from whichever events have arrived, in whatever order (Orders/Projection).
-- Every column but the key, the status and the bookkeeping timestamps is nullable: the first event seen for an
-- order may be any of them.
CREATE TABLE orders (
    order_id                   text             PRIMARY KEY,
    status                     text             NOT NULL,
    -- The status' precedence (OrderStatusRules.Rank); the merge keeps the highest, so a status never goes back.
    status_rank                smallint         NOT NULL,
    correlation_id             text             NULL,
    customer_id                text             NULL,
    items                      jsonb            NULL,
    total                      numeric          NULL,
    currency                   text             NULL,
    delivery_latitude          double precision NULL,
    delivery_longitude         double precision NULL,
    reservation_id             text             NULL,
    warehouse                  text             NULL,
    inventory_rejection_reason text             NULL,
    inventory_release_reason   text             NULL,
    payment_id                 text             NULL,
    payment_auth_code          text             NULL,
    payment_failure_reason     text             NULL,
    delivery_id                text             NULL,
    driver_id                  text             NULL,
    eta                        timestamptz      NULL,
    -- 0 for delivery.assigned's initial ETA, then eta.updated's sequence: the ETA only moves to a higher one.
    eta_sequence               integer          NULL,
    driver_latitude            double precision NULL,
    driver_longitude           double precision NULL,
    remaining_km               double precision NULL,
    created_at                 timestamptz      NULL,
    inventory_reserved_at      timestamptz      NULL,
    inventory_rejected_at      timestamptz      NULL,
    inventory_released_at      timestamptz      NULL,
    payment_authorized_at      timestamptz      NULL,
    payment_failed_at          timestamptz      NULL,
    delivery_assigned_at       timestamptz      NULL,
    delivered_at               timestamptz      NULL,
    -- Earliest and latest occurredAt seen: the listing's order, whichever event created the row.
    first_event_at             timestamptz      NOT NULL,
    last_event_at              timestamptz      NOT NULL,
    updated_at                 timestamptz      NOT NULL
);

CREATE INDEX ix_orders_first_event_at ON orders (first_event_at DESC, order_id);
CREATE INDEX ix_orders_status_first_event_at ON orders (status, first_event_at DESC, order_id);

-- Append-only: every event of every order once (event_id is the dedup key, so a redelivery adds nothing).
CREATE TABLE order_timeline (
    event_id       uuid        PRIMARY KEY,
    order_id       text        NOT NULL,
    event_type     text        NOT NULL,
    occurred_at    timestamptz NOT NULL,
    produced_at    timestamptz NULL,
    producer       text        NOT NULL,
    correlation_id text        NOT NULL,
    causation_id   text        NULL,
    payload        jsonb       NOT NULL,
    recorded_at    timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX ix_order_timeline_order_occurred ON order_timeline (order_id, occurred_at, recorded_at);

-- Which read-model generation the tables hold, and the consumer group that built it (Orders/Rebuild).
CREATE TABLE read_model_state (
    name           text        PRIMARY KEY,
    generation     integer     NOT NULL,
    consumer_group text        NOT NULL,
    rebuilt_at     timestamptz NULL
);

INSERT INTO read_model_state (name, generation, consumer_group) VALUES ('orders', 0, 'query-api');

-- Every record of the dlq.* topics, as it was, with the dead-letter reasons split out for listing.
CREATE TABLE dead_letters (
    id                 bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    topic              text        NOT NULL,
    partition          integer     NOT NULL,
    "offset"           bigint      NOT NULL,
    key                text        NULL,
    value              bytea       NULL,
    -- The value as text when it is valid UTF-8 (and has no NUL, which text cannot hold).
    value_text         text        NULL,
    -- [{"key": ..., "value": utf-8 text} | {"key": ..., "base64": ...} | {"key": ..., "value": null}], in record order.
    headers            jsonb       NOT NULL,
    event_type         text        NULL,
    original_topic     text        NULL,
    original_partition integer     NULL,
    original_offset    bigint      NULL,
    error              text        NULL,
    exception_type     text        NULL,
    retry_count        integer     NULL,
    consumer_group     text        NULL,
    failed_at          timestamptz NULL,
    recorded_at        timestamptz NOT NULL DEFAULT now(),
    replayed_at        timestamptz NULL,
    replay_count       integer     NOT NULL DEFAULT 0,
    -- A record redelivered to the recorder is the same row, not a second one.
    CONSTRAINT ux_dead_letters_position UNIQUE (topic, partition, "offset")
);

CREATE INDEX ix_dead_letters_topic_id ON dead_letters (topic, id DESC);
