-- The order flow (issue #13): when order-service confirmed the order, and its invoice. The notifications sent are
-- read from the order's timeline (its notification.sent events), so they need no column.

ALTER TABLE orders ADD COLUMN IF NOT EXISTS confirmed_at      timestamptz NULL;
ALTER TABLE orders ADD COLUMN IF NOT EXISTS invoice_number    text        NULL;
ALTER TABLE orders ADD COLUMN IF NOT EXISTS invoice_gross     numeric     NULL;
ALTER TABLE orders ADD COLUMN IF NOT EXISTS invoice_issued_at timestamptz NULL;
ALTER TABLE orders ADD COLUMN IF NOT EXISTS invoice_due_at    timestamptz NULL;

