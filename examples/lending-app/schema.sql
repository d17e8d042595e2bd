-- The lending app's schema (its migration), in SQL SQLite and PostgreSQL both read.
-- seedbed seed reads it back: the CHECK constraints become db: rules the seeded rows obey,
-- and created_at, which the spec does not mention, is left to its DEFAULT.
CREATE TABLE customer (
    id          integer PRIMARY KEY,
    name        text NOT NULL,
    email       text NOT NULL UNIQUE,
    birth_date  date NOT NULL,
    age         integer NOT NULL,
    sex         text NOT NULL,
    postcode    varchar(4) NOT NULL,
    income      numeric(12, 2) NOT NULL CONSTRAINT income_not_negative CHECK (income >= 0),
    segment     text NOT NULL CONSTRAINT known_segment CHECK (segment IN ('retail', 'premium')),
    created_at  timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE loan (
    id           integer PRIMARY KEY,
    customer_id  integer NOT NULL REFERENCES customer (id),
    product      text NOT NULL CONSTRAINT known_product CHECK (product IN ('home', 'car', 'personal', 'student')),
    amount       numeric(12, 2) NOT NULL CONSTRAINT positive_amount CHECK (amount > 0),
    ltv          numeric(4, 3) NOT NULL,
    status       text NOT NULL,
    disbursed    date,
    created_at   timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP
);
