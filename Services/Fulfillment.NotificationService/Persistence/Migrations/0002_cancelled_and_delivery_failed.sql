-- Compensation (issue #14): an email when delivery-service accepts a cancellation and when a delivery fails.

ALTER TABLE notifications DROP CONSTRAINT IF EXISTS notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN (
    'order-confirmed', 'driver-assigned', 'delivered', 'rejected', 'payment-failed', 'cancelled', 'delivery-failed'));
