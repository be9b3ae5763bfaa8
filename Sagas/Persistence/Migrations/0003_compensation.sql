-- Compensation (issue #14, decision 0019): the cancel request, delivery-service's verdict (cancelled or failed), and
-- the compensating steps (refund, credit note; the stock release has its columns since 0001).

ALTER TABLE order_sagas ADD COLUMN IF NOT EXISTS cancel_requested_at     timestamptz NULL;
ALTER TABLE order_sagas ADD COLUMN IF NOT EXISTS cancel_reason           text        NULL;
ALTER TABLE order_sagas ADD COLUMN IF NOT EXISTS cancelled_at            timestamptz NULL;
ALTER TABLE order_sagas ADD COLUMN IF NOT EXISTS delivery_failed_at      timestamptz NULL;
ALTER TABLE order_sagas ADD COLUMN IF NOT EXISTS payment_refunded_at     timestamptz NULL;
ALTER TABLE order_sagas ADD COLUMN IF NOT EXISTS refund_id               text        NULL;
ALTER TABLE order_sagas ADD COLUMN IF NOT EXISTS invoice_credited_at     timestamptz NULL;
ALTER TABLE order_sagas ADD COLUMN IF NOT EXISTS credit_note_number      text        NULL;
ALTER TABLE order_sagas ADD COLUMN IF NOT EXISTS compensation_overdue_at timestamptz NULL;

-- The detector's compensation scan: cancelled or failed orders not flagged yet. The predicate is repeated literally in
-- the detector's query so that the planner can use this partial index.
CREATE INDEX IF NOT EXISTS ix_order_sagas_awaiting_compensation
    ON order_sagas (state_entered_at)
    WHERE compensation_overdue_at IS NULL AND current_state IN ('CANCELLED', 'DELIVERY_FAILED');
