-- Drivers, deliveries and the ETA history of delivery-service.

-- The driver pool. Rows are upserted from configuration (section Delivery:Drivers); a driver is free when it has no
-- active delivery. Its position is where it last stopped (its start position, then its last destination).
CREATE TABLE IF NOT EXISTS drivers (
    driver_id            varchar(64)      PRIMARY KEY,
    latitude             double precision NOT NULL,
    longitude            double precision NOT NULL,
    active_delivery_id   uuid             NULL UNIQUE,
    idle_since           timestamptz      NOT NULL,
    deliveries_completed integer          NOT NULL DEFAULT 0
);

CREATE TABLE IF NOT EXISTS deliveries (
    delivery_id       uuid             PRIMARY KEY,
    -- One delivery per order: a second payment.authorized for the same order has no second effect.
    order_id          text             NOT NULL CONSTRAINT uq_deliveries_order_id UNIQUE,
    status            varchar(32)      NOT NULL,
    driver_id         varchar(64)      NULL REFERENCES drivers (driver_id),
    destination_lat   double precision NOT NULL CHECK (destination_lat BETWEEN -90 AND 90),
    destination_lon   double precision NOT NULL CHECK (destination_lon BETWEEN -180 AND 180),
    driver_lat        double precision NULL,
    driver_lon        double precision NULL,
    distance_km       double precision NULL,
    remaining_km      double precision NULL,
    estimated_arrival timestamptz      NULL,
    sequence          integer          NOT NULL DEFAULT 0,
    correlation_id    text             NOT NULL,
    causation_id      text             NOT NULL,
    created_at        timestamptz      NOT NULL,
    assigned_at       timestamptz      NULL,
    last_update_at    timestamptz      NULL,
    delivered_at      timestamptz      NULL
);

-- The ticker's two queues: deliveries on the road (oldest update first) and deliveries waiting for a driver (FIFO).
CREATE INDEX IF NOT EXISTS ix_deliveries_en_route ON deliveries (last_update_at) WHERE status = 'EN_ROUTE';
CREATE INDEX IF NOT EXISTS ix_deliveries_waiting ON deliveries (created_at) WHERE status = 'WAITING_FOR_DRIVER';
-- A driver carries one delivery at a time.
CREATE UNIQUE INDEX IF NOT EXISTS ux_deliveries_driver_en_route ON deliveries (driver_id) WHERE status = 'EN_ROUTE';

-- Every ETA published for a delivery: sequence 0 is the assignment, then one row per eta.updated.
CREATE TABLE IF NOT EXISTS eta_history (
    delivery_id       uuid             NOT NULL REFERENCES deliveries (delivery_id) ON DELETE CASCADE,
    sequence          integer          NOT NULL,
    driver_lat        double precision NOT NULL,
    driver_lon        double precision NOT NULL,
    remaining_km      double precision NOT NULL,
    estimated_arrival timestamptz      NOT NULL,
    recorded_at       timestamptz      NOT NULL,
    PRIMARY KEY (delivery_id, sequence)
);
