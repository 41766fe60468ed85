#!/usr/bin/env bash
# Install (if needed) and start a PostgreSQL server for the tests; print the URLs to use.
# Sourced by .ci/run; also handy on a developer machine: eval "$(bash .ci/postgres.sh)".
# Three roles. Two as an office runs it: desk_test owns the tables (migrations, set-up) and
# desk_app is the desk's own role, which may not truncate, alter or drop them.
set -euo pipefail
if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  apt-get install -y -q postgresql >&2
fi
version=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h | grep -q "^$version main"; then
  pg_createcluster "$version" main >&2
fi
pg_ctlcluster "$version" main start >&2 2>/dev/null || true
for _ in $(seq 1 30); do
  pg_isready -q -h localhost && break
  sleep 1
done
su postgres -c "psql -q -v ON_ERROR_STOP=1" >&2 <<'SQL'
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'desk_test') THEN
    CREATE ROLE desk_test LOGIN PASSWORD 'desk_test' CREATEDB;
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'desk_app') THEN
    CREATE ROLE desk_app LOGIN PASSWORD 'desk_app';
  END IF;
  -- desk setup --postgres's tests: an administrator that may create roles and databases,
  -- not a superuser (what a commune's IT person may hand the desk).
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'desk_admin') THEN
    CREATE ROLE desk_admin LOGIN PASSWORD 'desk_admin' CREATEROLE CREATEDB;
  END IF;
END $$;
-- The tests drop their databases WITH (FORCE), ending desk_app's sessions too.
GRANT pg_signal_backend TO desk_test;
GRANT pg_signal_backend TO desk_admin;
SQL
su postgres -c "psql -q -tc \"SELECT 1 FROM pg_database WHERE datname = 'desk_test'\"" | grep -q 1 \
  || su postgres -c "createdb -O desk_test desk_test" >&2
echo "export DESK_TEST_POSTGRES_URL=postgresql://desk_test:desk_test@localhost:5432/desk_test"
echo "export DESK_TEST_POSTGRES_APP_URL=postgresql://desk_app:desk_app@localhost:5432/desk_test"
echo "export DESK_TEST_POSTGRES_ADMIN_URL=postgresql://desk_admin:desk_admin@localhost:5432/postgres"
