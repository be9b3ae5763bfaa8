-- Compensation (issue #14, decision 0019): the cancel request, delivery-service's verdict (cancelled or failed), the
-- refund and the credit note. The stock release has its columns since 0001.

ALTER TABLE orders ADD COLUMN IF NOT EXISTS cancel_requested_at     timestamptz NULL;
ALTER TABLE orders ADD COLUMN IF NOT EXISTS cancel_reason           text        NULL;
ALTER TABLE orders ADD COLUMN IF NOT EXISTS cancelled_at            timestamptz NULL;
ALTER TABLE orders ADD COLUMN IF NOT EXISTS delivery_failed_at      timestamptz NULL;
ALTER TABLE orders ADD COLUMN IF NOT EXISTS delivery_failure_code   text        NULL;
ALTER TABLE orders ADD COLUMN IF NOT EXISTS delivery_failure_reason text        NULL;
ALTER TABLE orders ADD COLUMN IF NOT EXISTS refund_id               text        NULL;
ALTER TABLE orders ADD COLUMN IF NOT EXISTS payment_refunded_at     timestamptz NULL;
ALTER TABLE orders ADD COLUMN IF NOT EXISTS credit_note_number      text        NULL;
ALTER TABLE orders ADD COLUMN IF NOT EXISTS invoice_credited_at     timestamptz NULL;
