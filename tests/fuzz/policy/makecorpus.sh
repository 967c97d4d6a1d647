#!/bin/sh
# Writes the seed corpora of fuzz_regionmatrix and fuzz_pricetable: the shipped resource files
# plus small valid and broken variants. Run from anywhere; rewrites the two corpus folders.
set -eu
root=$(cd "$(dirname "$0")/../../.." && pwd)
regions="$root/tests/fuzz/corpus/regionmatrix"
prices="$root/tests/fuzz/corpus/pricetable"
mkdir -p "$regions" "$prices"

cp "$root/resources/regions.json" "$regions/valid-default"
printf '%s' '{"version":1,"regions":[{"name":"A1"}]}' > "$regions/valid-one-region"
printf '%s' '{"version":1,"regions":[{"name":"A1","remoteStorage":"B1"},{"name":"B1","remoteStorage":"A1"},{"name":"C1","backupService":false}]}' > "$regions/valid-pair"
printf '%s' '{"version":1,"regions":[{"name":"A1","remoteStorage":"Z9"}]}' > "$regions/invalid-unknown-remote"
printf '%s' '{"version":1,"regions":[{"name":"A1","remoteStorage":"A1"}]}' > "$regions/invalid-remote-is-local"
printf '%s' '{"version":1,"regions":[{"name":"A1"},{"name":"A1"}]}' > "$regions/invalid-duplicate"
printf '%s' '{"version":1,"regions":[{"name":"A1","localStorage":"B1"},{"name":"B1","backupService":false}]}' > "$regions/invalid-storage-without-service"
printf '%s' '{"version":2,"regions":[]}' > "$regions/invalid-version-2"
printf '%s' '{"version":1,"regions":[{"name":"bad name!"}]}' > "$regions/invalid-name"
head -c 200 "$root/resources/regions.json" > "$regions/invalid-truncated"

cp "$root/resources/prices.json" "$prices/valid-example"
printf '%s' '{"version":1,"currency":"JPY","unit":"GB-month","prices":[]}' > "$prices/valid-empty"
printf '%s' '{"version":1,"currency":"EUR","unit":"GB-month","prices":[{"storage":"double","timing":"weekly","retentionDays":365,"pricePerGbMonth":0.25}]}' > "$prices/valid-one-entry"
printf '%s' '{"version":1,"currency":"JPY","unit":"GB-month","prices":[{"storage":"local","timing":"daily","retentionDays":7,"pricePerGbMonth":-1}]}' > "$prices/invalid-negative-price"
printf '%s' '{"version":1,"currency":"JPY","unit":"GB-month","prices":[{"storage":"local","timing":"hourly","retentionDays":7,"pricePerGbMonth":1}]}' > "$prices/invalid-timing"
printf '%s' '{"version":1,"currency":"JPY","unit":"GB-month","prices":[{"storage":"local","timing":"daily","retentionDays":7,"pricePerGbMonth":1},{"storage":"local","timing":"daily","retentionDays":7,"pricePerGbMonth":2}]}' > "$prices/invalid-duplicate-menu"
printf '%s' '{"version":1,"currency":"JPY","unit":"GB-month","prices":[{"storage":"local","timing":"daily","retentionDays":7,"pricePerGbMonth":1e400}]}' > "$prices/invalid-huge-price"
printf '%s' '{"version":9,"currency":"JPY","unit":"GB-month","prices":[]}' > "$prices/invalid-version-9"
head -c 300 "$root/resources/prices.json" > "$prices/invalid-truncated"
