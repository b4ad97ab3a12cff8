#!/usr/bin/env bash
# Run by the Magento image's entrypoint (CUSTOM_ENTRYPOINT_COMMAND) on every container start, after its
# built-in services are up. The image (michielgerritsen/magento-project-community-edition, see
# deploy/README.md) ships Magento 2.4.8 installed with the Luma sample data into its own MySQL and
# Elasticsearch; this script moves the store onto the stack's services and wires its cache:
#   1. first start only: copies the installed database into MariaDB (the data then lives in its volume);
#   2. env.php: MariaDB, Redis (config cache and sessions), OpenSearch, and the full-page cache in
#      "Varnish" mode with http_cache_hosts = the purge endpoint, so a save in the admin sends the
#      PURGE that reaches the new side (adapters' cache and Next's pages);
#   3. reindexes search into OpenSearch on the first start, flushes the caches, and marks itself done
#      for the healthcheck.
set -euo pipefail
: "${DB_HOST:?}" "${DB_NAME:?}" "${DB_USER:?}" "${DB_PASSWORD:?}" "${OPENSEARCH_HOST:?}" "${OPENSEARCH_PORT:?}"
: "${REDIS_HOST:?}" "${REDIS_PORT:?}" "${PURGE_URL:?}"
cd /data
rm -f var/strangler-connected

external=(mysql -h "$DB_HOST" -u "$DB_USER" "-p$DB_PASSWORD" "$DB_NAME")
tables=$("${external[@]}" -N -e "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE()")
first_start=false
if [ "$tables" = "0" ]; then
  first_start=true
  echo "strangler: copying the installed store (sample data) into MariaDB at $DB_HOST"
  # MySQL 8's default collation has another name in MariaDB; Magento's own tables name theirs. No GTID
  # statement: MariaDB's GTIDs are not MySQL's.
  mysqldump -u root --single-transaction --no-tablespaces --set-gtid-purged=OFF --routines --triggers magento \
    | sed -e 's/utf8mb4_0900_ai_ci/utf8mb4_general_ci/g' \
    | "${external[@]}"
fi

purge_host_port=${PURGE_URL#*://}
purge_host_port=${purge_host_port%%/*}
php bin/magento setup:config:set --no-interaction \
  --db-host="$DB_HOST" --db-name="$DB_NAME" --db-user="$DB_USER" --db-password="$DB_PASSWORD" \
  --cache-backend=redis --cache-backend-redis-server="$REDIS_HOST" --cache-backend-redis-port="$REDIS_PORT" --cache-backend-redis-db=1 \
  --session-save=redis --session-save-redis-host="$REDIS_HOST" --session-save-redis-port="$REDIS_PORT" --session-save-redis-db=2 \
  --http-cache-hosts="$purge_host_port"
php bin/magento config:set --lock-env catalog/search/engine opensearch
php bin/magento config:set --lock-env catalog/search/opensearch_server_hostname "$OPENSEARCH_HOST"
php bin/magento config:set --lock-env catalog/search/opensearch_server_port "$OPENSEARCH_PORT"
# 2 = Varnish: Magento then PURGEs http_cache_hosts with X-Magento-Tags-Pattern on every save.
php bin/magento config:set --lock-env system/full_page_cache/caching_application 2
php bin/magento cache:enable full_page
if [ "$first_start" = "true" ]; then php bin/magento indexer:reindex; fi
php bin/magento cache:flush
touch var/strangler-connected
echo "strangler: Magento uses $DB_HOST, $OPENSEARCH_HOST and $REDIS_HOST; its cache purges go to $purge_host_port"
