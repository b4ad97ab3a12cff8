// What each third-party image in docker-compose.yml ships, as far as the stack relies on it: the ports
// it listens on, the programs its healthcheck may call, and the environment it reads. Docker cannot run
// here to look inside the images, so this table is the record (deploy/README.md repeats it with its
// sources); the compose test fails for an image that is not in it, so a new image or tag gets looked at.
export interface ImageFacts {
  ports: number[];
  /** Programs on the image's PATH that a healthcheck may run (`sh` when CMD-SHELL works). */
  commands: string[];
  /** Variables the image's entrypoint reads (beyond ones our own scripts read). */
  env: string[];
}

export const THIRD_PARTY_IMAGES: Record<string, ImageFacts> = {
  // Official MariaDB image: healthcheck.sh ships in /usr/local/bin since the 2023 images (10.4+).
  "mariadb:11.4.5": { ports: [3306], commands: ["sh", "healthcheck.sh", "mariadb"], env: ["MARIADB_DATABASE", "MARIADB_USER", "MARIADB_PASSWORD", "MARIADB_ROOT_PASSWORD"] },
  // OpenSearch's image (Amazon Linux 2023 base) has curl; the security plugin is off for the demo.
  "opensearchproject/opensearch:2.19.1": { ports: [9200, 9600], commands: ["sh", "curl"], env: ["discovery.type", "DISABLE_SECURITY_PLUGIN", "DISABLE_INSTALL_DEMO_CONFIG", "OPENSEARCH_JAVA_OPTS"] },
  "redis:7.4.2": { ports: [6379], commands: ["sh", "redis-server", "redis-cli"], env: [] },
  "postgres:16.8": { ports: [5432], commands: ["sh", "pg_isready", "psql"], env: ["POSTGRES_USER", "POSTGRES_PASSWORD", "POSTGRES_DB"] },
  // Unleash's image is node on Alpine: node (and busybox wget), no curl.
  "unleashorg/unleash-server:8.2.0": { ports: [4242], commands: ["sh", "node", "wget"], env: ["DATABASE_URL", "DATABASE_SSL", "INIT_BACKEND_API_TOKENS", "INIT_ADMIN_API_TOKENS"] },
  // magento2-in-a-box (controlaltdelete-nl): Ubuntu 22.04 with PHP 8.4, nginx/PHP, MySQL 8, Elasticsearch 7,
  // curl, mysql client and magerun2; its entrypoint.sh reads URL, DISABLE_2FA and CUSTOM_ENTRYPOINT_COMMAND.
  "michielgerritsen/magento-project-community-edition:php84-fpm-magento2.4.8-sample-data": {
    ports: [80, 3306], commands: ["sh", "bash", "test", "curl", "php", "mysql", "mysqldump"], env: ["URL", "DISABLE_2FA", "CUSTOM_ENTRYPOINT_COMMAND"],
  },
  // Prometheus and Grafana images are busybox/Alpine based: wget, no curl.
  "prom/prometheus:v3.2.1": { ports: [9090], commands: ["sh", "wget", "promtool"], env: [] },
  "grafana/grafana:11.5.2": { ports: [3000], commands: ["sh", "wget"], env: ["GF_SECURITY_ADMIN_PASSWORD", "GF_AUTH_ANONYMOUS_ENABLED", "GF_AUTH_ANONYMOUS_ORG_ROLE"] },
};
