-- Chassis tables present in every service database.

-- Transactional outbox: rows written in the same transaction as the state change they announce.
-- The relay publishes them in id order per key and deletes them once Kafka has acknowledged them.
CREATE TABLE IF NOT EXISTS outbox_messages (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- Generated per row (UUID version 7): unique by construction, so no index is spent on it.
    event_id        uuid        NOT NULL,
    topic           text        NOT NULL,
    message_key     text        NOT NULL,
    event_type      text        NOT NULL,
    correlation_id  text        NOT NULL,
    traceparent     text        NULL,
    envelope        bytea       NOT NULL,
    created_at      timestamptz NOT NULL,
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT '-infinity',
    last_error      text        NULL
);

-- Lets the relay see, per key, whether an older row is still pending (per-key order with several relays).
CREATE INDEX IF NOT EXISTS ix_outbox_messages_key_id ON outbox_messages (message_key, id);

-- Idempotent inbox: one row per (consumer group, eventId), inserted in the handling transaction.
CREATE TABLE IF NOT EXISTS inbox_messages (
    consumer_group text        NOT NULL,
    event_id       uuid        NOT NULL,
    processed_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer_group, event_id)
);

CREATE INDEX IF NOT EXISTS ix_inbox_messages_processed_at ON inbox_messages (processed_at);
