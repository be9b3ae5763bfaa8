-- Decision 0019: delivery-service gives each order at most one verdict (assigned, cancelled or failed). A cancellation
-- that arrives before the payment is recorded as a delivery of its own, CANCELLED, so the later payment.authorized
-- finds it and assigns nothing; such a delivery has no address yet, hence the nullable destination.
ALTER TABLE deliveries ALTER COLUMN destination_lat DROP NOT NULL;
ALTER TABLE deliveries ALTER COLUMN destination_lon DROP NOT NULL;

-- FAILED: outside-service-area or no-driver-in-time (Messages/DeliveryFailureCodes.cs); reason: the sentence the
-- verdict's event carried (the cancellation's reason, or the failure's).
ALTER TABLE deliveries ADD COLUMN failure_code varchar(32) NULL;
ALTER TABLE deliveries ADD COLUMN reason text NULL;
ALTER TABLE deliveries ADD COLUMN cancelled_at timestamptz NULL;
ALTER TABLE deliveries ADD COLUMN failed_at timestamptz NULL;
