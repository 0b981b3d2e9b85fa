#!/bin/sh
# One database and owner per service that stores something, with the passwords from deploy/.env
# (see deploy/README.md); run once by the postgres image when its data volume is empty.
set -eu
psql -v ON_ERROR_STOP=1 --username postgres \
  -v ingest_password="$KAMERSTROOM_INGEST_DB_PASSWORD" -v store_password="$KAMERSTROOM_STORE_DB_PASSWORD" <<'SQL'
CREATE ROLE ingest LOGIN PASSWORD :'ingest_password';
CREATE DATABASE ingest OWNER ingest;
CREATE ROLE store LOGIN PASSWORD :'store_password';
CREATE DATABASE store OWNER store;
SQL
