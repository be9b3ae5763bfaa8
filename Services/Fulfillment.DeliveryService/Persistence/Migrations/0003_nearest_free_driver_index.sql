-- The nearest free driver is found by an index, so an assignment reads a bounded number of rows whatever the fleet's
-- size. A driver's position is kept as a point on the unit sphere (the cube extension, trusted since PostgreSQL 13:
-- the database owner can create it); the straight-line distance between two such points grows with the great-circle
-- distance, so ordering by it (<->, served by the GiST index) is ordering by distance along the ground.
CREATE EXTENSION IF NOT EXISTS cube;

CREATE FUNCTION unit_sphere(latitude double precision, longitude double precision) RETURNS cube
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN cube(ARRAY[
        cos(radians(latitude)) * cos(radians(longitude)),
        cos(radians(latitude)) * sin(radians(longitude)),
        sin(radians(latitude))]);

ALTER TABLE drivers ADD COLUMN position cube GENERATED ALWAYS AS (unit_sphere(latitude, longitude)) STORED;

-- The configured pool, synchronised at start-up: a driver dropped from the configuration keeps its row (deliveries
-- refer to it) but is no longer offered work.
ALTER TABLE drivers ADD COLUMN in_pool boolean NOT NULL DEFAULT true;

CREATE INDEX ix_drivers_free_nearest ON drivers USING gist (position) WHERE active_delivery_id IS NULL AND in_pool;
