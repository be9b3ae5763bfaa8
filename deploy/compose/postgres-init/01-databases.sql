-- One database per service (DESIGN.md §3). The official image runs this once, on an empty data volume.
-- Each service also creates its database when missing and migrates its own schema at start-up; creating them here
-- keeps the layout visible and lets a DBA grant per-database rights before the services ever start.
CREATE DATABASE order_db;
CREATE DATABASE payment_db;
CREATE DATABASE inventory_db;
CREATE DATABASE delivery_db;
CREATE DATABASE query_db;
CREATE DATABASE invoice_db;
CREATE DATABASE notification_db;
