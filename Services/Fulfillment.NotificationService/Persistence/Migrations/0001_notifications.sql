-- notification-service tables. The chassis creates outbox_messages and inbox_messages itself.

-- Where an order's emails go, learned from order.created or order.confirmed (whichever comes first). A row with a
-- NULL email is an order placed without an address: known, and nobody to write to.
CREATE TABLE IF NOT EXISTS recipients (
    order_id        text        PRIMARY KEY,
    email           text        NULL,
    source_event_id uuid        NOT NULL,
    learned_at      timestamptz NOT NULL
);

-- One row per (order, kind) whatever became of it: sent, nobody to send to, or waiting for the address. The UNIQUE
-- (order_id, kind) is the durable guarantee of at most one email of a kind per order, behind the inbox, the order's
-- lock and the existence check in the consumer. Subject and body are rendered when the event arrives, so an email
-- that waits for its address is sent as it was decided.
CREATE TABLE IF NOT EXISTS notifications (
    notification_id uuid        PRIMARY KEY,
    order_id        text        NOT NULL,
    kind            text        NOT NULL CHECK (kind IN ('order-confirmed', 'driver-assigned', 'delivered', 'rejected', 'payment-failed')),
    status          text        NOT NULL CHECK (status IN ('sent', 'no-recipient', 'awaiting-recipient')),
    recipient       text        NULL,
    subject         text        NOT NULL,
    body            text        NOT NULL,
    message_id      text        NOT NULL,
    source_event_id uuid        NOT NULL,
    created_at      timestamptz NOT NULL,
    sent_at         timestamptz NULL,
    UNIQUE (order_id, kind),
    CHECK ((status = 'sent') = (sent_at IS NOT NULL)),
    CHECK ((status = 'sent') = (recipient IS NOT NULL))
);
