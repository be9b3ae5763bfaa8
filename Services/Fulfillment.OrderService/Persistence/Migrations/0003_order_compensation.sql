-- Cancellation and compensation (issue #14, decision 0019): the customer's cancel request, the verdict that settles
-- it (CANCELLED on delivery.cancelled, DELIVERY_FAILED on delivery.failed) and what was undone (the refund, the
-- stock given back). Each time is the occurredAt of the event that reported it, as for the steps of 0002.

ALTER TABLE orders
    -- POST /api/orders/{id}/cancel accepted: set once, with the order.cancelled it wrote to the outbox.
    ADD COLUMN IF NOT EXISTS cancel_requested_at     timestamptz,
    ADD COLUMN IF NOT EXISTS cancel_reason           varchar(256),
    ADD COLUMN IF NOT EXISTS cancelled_at            timestamptz,
    ADD COLUMN IF NOT EXISTS delivery_failed_at      timestamptz,
    ADD COLUMN IF NOT EXISTS delivery_failure_code   varchar(64),
    ADD COLUMN IF NOT EXISTS delivery_failure_reason varchar(256),
    ADD COLUMN IF NOT EXISTS refunded_at             timestamptz,
    ADD COLUMN IF NOT EXISTS refund_id               varchar(128),
    ADD COLUMN IF NOT EXISTS stock_released_at       timestamptz;
