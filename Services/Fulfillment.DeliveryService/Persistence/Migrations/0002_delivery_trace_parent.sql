-- The trace context of the payment.authorized that created the delivery: the ticker's later eta.updated and
-- delivery.completed events continue that trace instead of starting new ones.
ALTER TABLE deliveries ADD COLUMN trace_parent text NULL;
