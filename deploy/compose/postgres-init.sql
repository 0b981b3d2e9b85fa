-- One database and owner per service that stores something. Local credentials only.
CREATE ROLE ingest LOGIN PASSWORD 'ingest';
CREATE DATABASE ingest OWNER ingest;
CREATE ROLE store LOGIN PASSWORD 'store';
CREATE DATABASE store OWNER store;
