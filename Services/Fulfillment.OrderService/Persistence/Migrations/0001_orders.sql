-- Orders as accepted by order-service (the owner's view), their lines, and the idempotency keys that guard creation.

CREATE TABLE IF NOT EXISTS orders (
    order_id       uuid            PRIMARY KEY,
    customer_id    varchar(64)     NOT NULL,
    status         varchar(32)     NOT NULL,
    currency       char(3)         NOT NULL,
    -- Exact money: never floating point.
    total          numeric(20, 4)  NOT NULL,
    delivery_lat   double precision NOT NULL CHECK (delivery_lat BETWEEN -90 AND 90),
    delivery_lon   double precision NOT NULL CHECK (delivery_lon BETWEEN -180 AND 180),
    correlation_id varchar(128)    NOT NULL,
    created_at     timestamptz     NOT NULL
);

CREATE INDEX IF NOT EXISTS ix_orders_customer_id ON orders (customer_id, created_at);

CREATE TABLE IF NOT EXISTS order_lines (
    order_id   uuid           NOT NULL REFERENCES orders (order_id) ON DELETE CASCADE,
    line_no    integer        NOT NULL,
    sku        varchar(64)    NOT NULL,
    quantity   integer        NOT NULL CHECK (quantity > 0),
    unit_price numeric(18, 4) NOT NULL CHECK (unit_price >= 0),
    PRIMARY KEY (order_id, line_no)
);

-- One row per Idempotency-Key, inserted in the order's transaction: the primary key makes concurrent duplicates
-- collide, and the losers read the winner. request_hash tells a replay from a key reused for another request.
CREATE TABLE IF NOT EXISTS idempotency_keys (
    idempotency_key varchar(128) NOT NULL,
    request_hash    char(64)     NOT NULL,
    order_id        uuid         NOT NULL REFERENCES orders (order_id) ON DELETE CASCADE,
    created_at      timestamptz  NOT NULL,
    CONSTRAINT pk_idempotency_keys PRIMARY KEY (idempotency_key)
);
