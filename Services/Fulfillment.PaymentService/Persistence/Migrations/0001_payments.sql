-- payment-service tables. The chassis creates outbox_messages and inbox_messages itself.

-- One row per order whatever the outcome. The UNIQUE order_id is the durable guarantee of at most one payment
-- (one charge, one payment.* event) per order, behind the inbox and the existence check in the consumer.
CREATE TABLE IF NOT EXISTS payments (
    payment_id      uuid        PRIMARY KEY,
    order_id        text        NOT NULL UNIQUE,
    reservation_id  text        NOT NULL,
    customer_id     text        NOT NULL,
    amount          numeric     NOT NULL,
    currency        text        NOT NULL,
    status          text        NOT NULL CHECK (status IN ('authorized', 'declined')),
    auth_code       text        NULL,
    decline_reason  text        NULL,
    source_event_id uuid        NOT NULL,
    created_at      timestamptz NOT NULL,
    CHECK ((status = 'authorized') = (auth_code IS NOT NULL)),
    CHECK ((status = 'declined') = (decline_reason IS NOT NULL))
);
