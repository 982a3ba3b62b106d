#!/usr/bin/env bash
# CI's benchmark smoke run (see .ci/run): fills the DATABASE_URL database with
# scale S and drives every query for about a second at 10 connections. It
# checks that the benchmark and the queries work — no errors, the server
# starts, every write is found afterwards — and asserts nothing about timings.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${DATABASE_URL:?DATABASE_URL must name a disposable Postgres database}"

npm run generate -- --scale S --reset
npm run bench -- --smoke
