-- Compensation (decision 0019): an authorized payment can be refunded once, and a cancellation that arrives before
-- the payment is remembered so that the order is never authorized.

ALTER TABLE payments
    ADD COLUMN IF NOT EXISTS refund_id     text        NULL UNIQUE,
    ADD COLUMN IF NOT EXISTS refund_reason text        NULL,
    ADD COLUMN IF NOT EXISTS refunded_at   timestamptz NULL;

-- 0001's checks knew two statuses; a refunded payment keeps its auth code. They were created unnamed, so they are
-- found by table rather than by a generated name.
DO $$
DECLARE
    check_name text;
BEGIN
    FOR check_name IN
        SELECT conname FROM pg_constraint WHERE conrelid = 'payments'::regclass AND contype = 'c'
    LOOP
        EXECUTE format('ALTER TABLE payments DROP CONSTRAINT %I', check_name);
    END LOOP;
END
$$;

ALTER TABLE payments
    ADD CONSTRAINT payments_status_known CHECK (status IN ('authorized', 'declined', 'refunded')),
    ADD CONSTRAINT payments_auth_code_when_authorized CHECK ((status IN ('authorized', 'refunded')) = (auth_code IS NOT NULL)),
    ADD CONSTRAINT payments_reason_when_declined CHECK ((status = 'declined') = (decline_reason IS NOT NULL)),
    ADD CONSTRAINT payments_refund_when_refunded CHECK (
        (status = 'refunded') = (refund_id IS NOT NULL AND refund_reason IS NOT NULL AND refunded_at IS NOT NULL));

-- Orders cancelled (order.cancelled, delivery.cancelled or delivery.failed) before they had a payment: their
-- inventory.reserved, if it comes, is declined without asking the gateway. The first cancellation seen is kept.
CREATE TABLE IF NOT EXISTS cancelled_orders (
    order_id        text        PRIMARY KEY,
    reason          text        NOT NULL,
    source_event_id uuid        NOT NULL,
    cancelled_at    timestamptz NOT NULL
);
