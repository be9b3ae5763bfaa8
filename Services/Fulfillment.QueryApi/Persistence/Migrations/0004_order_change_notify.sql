-- Live push for the UI (issue #15, decision 0020): every change of an order's row (each projected event merges into it)
-- and of its saga issues NOTIFY order_changed with the order id, inside the transaction that made the change, so the
-- notification is delivered when, and only if, that transaction commits. query-api's one LISTEN connection fans it out
-- to the pages' Server-Sent Events streams. PostgreSQL folds identical notifications of one transaction into one.
-- order_sagas exists by now where query-api runs (the sagas/ scripts sort before service/ ones); a database migrated
-- with query-api's scripts alone (its tests) has no saga table and gets no saga trigger.

CREATE OR REPLACE FUNCTION notify_order_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('order_changed', NEW.order_id);
    RETURN NULL;
END;
$$;

DROP TRIGGER IF EXISTS orders_notify_changed ON orders;
CREATE TRIGGER orders_notify_changed
    AFTER INSERT OR UPDATE ON orders
    FOR EACH ROW EXECUTE FUNCTION notify_order_changed();

DO $$
BEGIN
    IF to_regclass('order_sagas') IS NOT NULL THEN
        DROP TRIGGER IF EXISTS order_sagas_notify_changed ON order_sagas;
        CREATE TRIGGER order_sagas_notify_changed
            AFTER INSERT OR UPDATE ON order_sagas
            FOR EACH ROW EXECUTE FUNCTION notify_order_changed();
    END IF;
END;
$$;
