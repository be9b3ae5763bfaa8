-- The order flow's milestones (issue #13): order-service's order.confirmed and invoice-service's invoice.issued.
-- They prove no new state (DESIGN.md's states stay); the saga records when they happened and the invoice number.

ALTER TABLE order_sagas ADD COLUMN IF NOT EXISTS order_confirmed_at timestamptz NULL;
ALTER TABLE order_sagas ADD COLUMN IF NOT EXISTS invoice_issued_at  timestamptz NULL;
ALTER TABLE order_sagas ADD COLUMN IF NOT EXISTS invoice_number     text        NULL;
