-- order-service keeps its order's own status (issue #13): PENDING → CONFIRMED → OUT_FOR_DELIVERY → DELIVERED, or
-- REJECTED / PAYMENT_FAILED, with the time of each step (the occurredAt of the event that reported it), and the
-- customer's optional email address.

ALTER TABLE orders
    -- RFC 5321 allows at most 254 characters in an address.
    ADD COLUMN IF NOT EXISTS customer_email        varchar(254),
    ADD COLUMN IF NOT EXISTS stock_reserved_at     timestamptz,
    ADD COLUMN IF NOT EXISTS payment_authorized_at timestamptz,
    ADD COLUMN IF NOT EXISTS confirmed_at          timestamptz,
    ADD COLUMN IF NOT EXISTS out_for_delivery_at   timestamptz,
    ADD COLUMN IF NOT EXISTS delivered_at          timestamptz,
    ADD COLUMN IF NOT EXISTS rejected_at           timestamptz,
    ADD COLUMN IF NOT EXISTS payment_failed_at     timestamptz;

-- CREATED was all order-service ever wrote: every such order is pending as far as it knows. The consumer group
-- starts from the earliest offset, so the events already on the topics bring these orders up to date.
UPDATE orders SET status = 'PENDING' WHERE status = 'CREATED';
