// Images whose own documentation says they read a secret from a file named by a `*_FILE` (or similar)
// variable. The secretKeyRef fix uses this to replace `POSTGRES_PASSWORD` by `POSTGRES_PASSWORD_FILE`
// pointing at the mounted key. A wrong entry starves a real workload of its password, so every entry is
// backed by the page in `source`, lists only what that page (or the script it documents) confirms, and
// is kept in step with docs/images.md by a test.

/** Variables named one by one, or a documented naming rule (Grafana's `GF_<SECTION>_<KEY>`). */
export type AcceptedVariables = readonly string[] | VariableRule;

export interface VariableRule {
  /** The rule in words, for docs/images.md. */
  readonly description: string;
  readonly matches: (variable: string) => boolean;
}

export interface CatalogueEntry {
  readonly id: string;
  /** Repository paths as Docker Hub shows them (see image-ref.ts): `library/postgres`, `bitnami/redis`. */
  readonly repositories: readonly string[];
  readonly variables: AcceptedVariables;
  readonly fileVariable: (variable: string) => string;
  /** The file variable's form in words, e.g. `<VAR>_FILE`. */
  readonly fileForm: string;
  /** The image's own documentation page that states the file support. */
  readonly source: string;
  readonly note?: string;
}

const fileSuffix = (v: string): string => `${v}_FILE`;
const doubleFileSuffix = (v: string): string => `${v}__FILE`;

const DOCKER_HUB = 'https://hub.docker.com/_/';

/** Bitnami publishes the same image under bitnami/ and, since its 2025 catalogue change, bitnamilegacy/. */
const bitnami = (name: string): readonly string[] => [`bitnami/${name}`, `bitnamilegacy/${name}`];
const bitnamiReadme = (name: string): string => `https://github.com/bitnami/containers/blob/main/bitnami/${name}/README.md`;
const BITNAMI_NOTE =
  "The image's `<app>-env.sh` loads `<VAR>_FILE` into `<VAR>` for every variable in its list (the README documents the password ones); " +
  'only the credential variables of that list are catalogued. `bitnamisecure/*` is left out: not confirmed to ship the same scripts.';

const BITNAMI_POSTGRESQL = [
  // Bitnami's own names…
  'POSTGRESQL_USERNAME',
  'POSTGRESQL_PASSWORD',
  'POSTGRESQL_DATABASE',
  'POSTGRESQL_POSTGRES_PASSWORD',
  'POSTGRESQL_REPLICATION_USER',
  'POSTGRESQL_REPLICATION_PASSWORD',
  'POSTGRESQL_INITSCRIPTS_USERNAME',
  'POSTGRESQL_INITSCRIPTS_PASSWORD',
  'POSTGRESQL_LDAP_BIND_DN',
  'POSTGRESQL_LDAP_BIND_PASSWORD',
  // …and the aliases the same list accepts (the Bitnami Helm chart feeds POSTGRES_PASSWORD).
  'POSTGRESQL_USER',
  'POSTGRES_USER',
  'POSTGRES_USERNAME',
  'POSTGRES_PASSWORD',
  'POSTGRES_DB',
  'POSTGRES_DATABASE',
  'POSTGRES_POSTGRES_PASSWORD',
  'POSTGRES_REPLICATION_USER',
  'POSTGRES_REPLICATION_PASSWORD',
  'POSTGRES_INITSCRIPTS_USERNAME',
  'POSTGRES_INITSCRIPTS_PASSWORD',
  'POSTGRES_LDAP_BIND_DN',
  'POSTGRES_LDAP_BIND_PASSWORD',
] as const;

/** Bitnami's MySQL and MariaDB images share one script layout under two prefixes. */
const bitnamiSql = (prefix: 'MYSQL' | 'MARIADB'): readonly string[] =>
  ['ROOT_USER', 'ROOT_PASSWORD', 'USER', 'PASSWORD', 'DATABASE', 'MASTER_ROOT_USER', 'MASTER_ROOT_PASSWORD', 'REPLICATION_USER', 'REPLICATION_PASSWORD'].map(
    (suffix) => `${prefix}_${suffix}`,
  );

/** Grafana: any `GF_<SECTION>_<KEY>` setting. `GF_PATHS_*` is read by run.sh before it resolves files. */
const GRAFANA_SETTING: VariableRule = {
  description: 'any `GF_<SECTION>_<KEY>` setting except `GF_PATHS_*`',
  matches: (v) => /^GF_[A-Za-z0-9]+_[A-Za-z0-9_]+$/.test(v) && !v.endsWith('__FILE') && !v.startsWith('GF_PATHS_'),
};

/** Gitea: `GITEA__<section>__<KEY>`; the section may be empty (root keys), the key may not. */
const GITEA_SETTING: VariableRule = {
  description: 'any `GITEA__<section>__<KEY>` setting',
  matches: (v) => {
    if (!/^GITEA__[A-Za-z0-9_]+$/.test(v) || v.endsWith('__FILE')) return false;
    const rest = v.slice('GITEA__'.length);
    const split = rest.indexOf('__');
    return split >= 0 && rest.length > split + 2;
  },
};

export const CATALOGUE: readonly CatalogueEntry[] = [
  {
    id: 'postgres',
    repositories: ['library/postgres'],
    variables: ['POSTGRES_PASSWORD', 'POSTGRES_USER', 'POSTGRES_DB', 'POSTGRES_INITDB_ARGS'],
    fileVariable: fileSuffix,
    fileForm: '<VAR>_FILE',
    source: `${DOCKER_HUB}postgres`,
    note: 'Read by docker-entrypoint.sh; like the plain variables they only matter when the data directory is initialised.',
  },
  {
    id: 'mysql',
    repositories: ['library/mysql'],
    variables: ['MYSQL_ROOT_PASSWORD', 'MYSQL_ROOT_HOST', 'MYSQL_DATABASE', 'MYSQL_USER', 'MYSQL_PASSWORD'],
    fileVariable: fileSuffix,
    fileForm: '<VAR>_FILE',
    source: `${DOCKER_HUB}mysql`,
    note: "The official image only: Oracle's `mysql/mysql-server` reads a path from the plain variable instead and is not catalogued.",
  },
  {
    id: 'mariadb',
    repositories: ['library/mariadb'],
    variables: [
      'MARIADB_ROOT_PASSWORD',
      'MARIADB_ROOT_HOST',
      'MARIADB_DATABASE',
      'MARIADB_USER',
      'MARIADB_PASSWORD',
      'MYSQL_ROOT_PASSWORD',
      'MYSQL_ROOT_HOST',
      'MYSQL_DATABASE',
      'MYSQL_USER',
      'MYSQL_PASSWORD',
    ],
    fileVariable: fileSuffix,
    fileForm: '<VAR>_FILE',
    source: `${DOCKER_HUB}mariadb`,
    note: 'The `MARIADB_*` names exist from tags 10.2.38, 10.3.29, 10.4.19, 10.5.10 and all 10.6+; older tags know only `MYSQL_*`.',
  },
  {
    id: 'mongo',
    repositories: ['library/mongo'],
    variables: ['MONGO_INITDB_ROOT_USERNAME', 'MONGO_INITDB_ROOT_PASSWORD'],
    fileVariable: fileSuffix,
    fileForm: '<VAR>_FILE',
    source: `${DOCKER_HUB}mongo`,
  },
  {
    id: 'wordpress',
    repositories: ['library/wordpress'],
    variables: [
      'WORDPRESS_DB_HOST',
      'WORDPRESS_DB_USER',
      'WORDPRESS_DB_PASSWORD',
      'WORDPRESS_DB_NAME',
      'WORDPRESS_AUTH_KEY',
      'WORDPRESS_SECURE_AUTH_KEY',
      'WORDPRESS_LOGGED_IN_KEY',
      'WORDPRESS_NONCE_KEY',
      'WORDPRESS_AUTH_SALT',
      'WORDPRESS_SECURE_AUTH_SALT',
      'WORDPRESS_LOGGED_IN_SALT',
      'WORDPRESS_NONCE_SALT',
      'WORDPRESS_TABLE_PREFIX',
      'WORDPRESS_DEBUG',
    ],
    fileVariable: fileSuffix,
    fileForm: '<VAR>_FILE',
    source: `${DOCKER_HUB}wordpress`,
  },
  {
    id: 'nextcloud',
    repositories: ['library/nextcloud'],
    variables: [
      'NEXTCLOUD_ADMIN_PASSWORD',
      'NEXTCLOUD_ADMIN_USER',
      'MYSQL_DATABASE',
      'MYSQL_PASSWORD',
      'MYSQL_USER',
      'POSTGRES_DB',
      'POSTGRES_PASSWORD',
      'POSTGRES_USER',
      'REDIS_HOST_PASSWORD',
      'SMTP_PASSWORD',
      'OBJECTSTORE_S3_KEY',
      'OBJECTSTORE_S3_SECRET',
    ],
    fileVariable: fileSuffix,
    fileForm: '<VAR>_FILE',
    source: `${DOCKER_HUB}nextcloud`,
    note: 'The admin and database variables are read at installation only. Older images documented the database and admin ones alone; the Redis, SMTP and S3 ones came later.',
  },
  {
    id: 'grafana',
    repositories: ['grafana/grafana', 'grafana/grafana-oss', 'grafana/grafana-enterprise'],
    variables: GRAFANA_SETTING,
    fileVariable: doubleFileSuffix,
    fileForm: '<VAR>__FILE (double underscore)',
    source: 'https://grafana.com/docs/grafana/latest/setup-grafana/configure-docker/',
    note: "Resolved by the image's run.sh, so a container whose `command:` bypasses it does not get it.",
  },
  {
    id: 'elasticsearch',
    repositories: ['library/elasticsearch', 'elasticsearch/elasticsearch'],
    variables: ['ELASTIC_PASSWORD', 'KEYSTORE_PASSWORD'],
    fileVariable: fileSuffix,
    fileForm: '<VAR>_FILE',
    source: 'https://www.elastic.co/docs/deploy-manage/deploy/self-managed/install-elasticsearch-docker-configure',
    note: '`elasticsearch/elasticsearch` is docker.elastic.co/elasticsearch/elasticsearch. Settings passed as variables (`ES_SETTING_*`, `xpack.*`) have no file form.',
  },
  {
    id: 'gitea',
    repositories: ['gitea/gitea', 'library/gitea'],
    variables: GITEA_SETTING,
    fileVariable: doubleFileSuffix,
    fileForm: '<VAR>__FILE (double underscore)',
    source: 'https://docs.gitea.com/installation/install-with-docker#managing-deployments-with-environment-variables',
    note: '`library/gitea` is how docker.gitea.com/gitea normalises. `__FILE` arrived in Gitea 1.20 (go-gitea/gitea#24832); older images ignore it.',
  },
  {
    id: 'bitnami-postgresql',
    repositories: bitnami('postgresql'),
    variables: BITNAMI_POSTGRESQL,
    fileVariable: fileSuffix,
    fileForm: '<VAR>_FILE',
    source: bitnamiReadme('postgresql'),
    note: BITNAMI_NOTE,
  },
  {
    id: 'bitnami-postgresql-repmgr',
    repositories: bitnami('postgresql-repmgr'),
    variables: [...BITNAMI_POSTGRESQL, 'REPMGR_USERNAME', 'REPMGR_PASSWORD', 'REPMGR_DATABASE'],
    fileVariable: fileSuffix,
    fileForm: '<VAR>_FILE',
    source: bitnamiReadme('postgresql-repmgr'),
    note: BITNAMI_NOTE,
  },
  {
    id: 'bitnami-mysql',
    repositories: bitnami('mysql'),
    variables: bitnamiSql('MYSQL'),
    fileVariable: fileSuffix,
    fileForm: '<VAR>_FILE',
    source: bitnamiReadme('mysql'),
    note: BITNAMI_NOTE,
  },
  {
    id: 'bitnami-mariadb',
    repositories: bitnami('mariadb'),
    variables: bitnamiSql('MARIADB'),
    fileVariable: fileSuffix,
    fileForm: '<VAR>_FILE',
    source: bitnamiReadme('mariadb'),
    note: BITNAMI_NOTE,
  },
  {
    id: 'bitnami-mongodb',
    repositories: bitnami('mongodb'),
    variables: [
      'MONGODB_ROOT_USER',
      'MONGODB_ROOT_PASSWORD',
      'MONGODB_USERNAME',
      'MONGODB_PASSWORD',
      'MONGODB_DATABASE',
      'MONGODB_METRICS_USERNAME',
      'MONGODB_METRICS_PASSWORD',
      'MONGODB_EXTRA_USERNAMES',
      'MONGODB_EXTRA_PASSWORDS',
      'MONGODB_EXTRA_DATABASES',
      'MONGODB_REPLICA_SET_KEY',
      'MONGODB_INITIAL_PRIMARY_ROOT_USER',
      'MONGODB_INITIAL_PRIMARY_ROOT_PASSWORD',
      'MONGODB_PRIMARY_ROOT_USER',
      'MONGODB_PRIMARY_ROOT_PASSWORD',
    ],
    fileVariable: fileSuffix,
    fileForm: '<VAR>_FILE',
    source: bitnamiReadme('mongodb'),
    note: BITNAMI_NOTE,
  },
  {
    id: 'bitnami-redis',
    repositories: bitnami('redis'),
    variables: ['REDIS_PASSWORD', 'REDIS_MASTER_PASSWORD'],
    fileVariable: fileSuffix,
    fileForm: '<VAR>_FILE',
    source: bitnamiReadme('redis'),
    note: BITNAMI_NOTE,
  },
  {
    id: 'bitnami-redis-sentinel',
    repositories: bitnami('redis-sentinel'),
    variables: ['REDIS_SENTINEL_PASSWORD', 'REDIS_MASTER_PASSWORD'],
    fileVariable: fileSuffix,
    fileForm: '<VAR>_FILE',
    source: bitnamiReadme('redis-sentinel'),
    note: BITNAMI_NOTE,
  },
  {
    id: 'bitnami-redis-cluster',
    repositories: bitnami('redis-cluster'),
    variables: ['REDIS_PASSWORD', 'REDIS_MASTER_PASSWORD'],
    fileVariable: fileSuffix,
    fileForm: '<VAR>_FILE',
    source: bitnamiReadme('redis-cluster'),
    note: BITNAMI_NOTE,
  },
  {
    id: 'bitnami-rabbitmq',
    repositories: bitnami('rabbitmq'),
    variables: [
      'RABBITMQ_USERNAME',
      'RABBITMQ_PASSWORD',
      'RABBITMQ_ERL_COOKIE',
      'RABBITMQ_SSL_PASSWORD',
      'RABBITMQ_MANAGEMENT_SSL_PASSWORD',
      // Aliases the same list accepts, named after the official image's variables.
      'RABBITMQ_DEFAULT_USER',
      'RABBITMQ_DEFAULT_PASS',
      'RABBITMQ_ERLANG_COOKIE',
    ],
    fileVariable: fileSuffix,
    fileForm: '<VAR>_FILE',
    source: bitnamiReadme('rabbitmq'),
    note: BITNAMI_NOTE,
  },
  {
    id: 'bitnami-keycloak',
    repositories: bitnami('keycloak'),
    variables: [
      'KC_BOOTSTRAP_ADMIN_USERNAME',
      'KC_BOOTSTRAP_ADMIN_PASSWORD',
      'KC_DB_USERNAME',
      'KC_DB_PASSWORD',
      'KC_HTTPS_KEY_STORE_PASSWORD',
      'KC_HTTPS_TRUST_STORE_PASSWORD',
      'KEYCLOAK_DATABASE_USER',
      'KEYCLOAK_DATABASE_PASSWORD',
      'KEYCLOAK_HTTPS_KEY_STORE_PASSWORD',
      'KEYCLOAK_HTTPS_TRUST_STORE_PASSWORD',
    ],
    fileVariable: fileSuffix,
    fileForm: '<VAR>_FILE',
    source: bitnamiReadme('keycloak'),
    note: `${BITNAMI_NOTE} Checked against the Keycloak 26 image, where \`KC_BOOTSTRAP_ADMIN_*\` replaced \`KEYCLOAK_ADMIN*\` (not catalogued).`,
  },
  {
    id: 'bitnami-wordpress',
    repositories: bitnami('wordpress'),
    variables: [
      'WORDPRESS_USERNAME',
      'WORDPRESS_PASSWORD',
      'WORDPRESS_DATABASE_NAME',
      'WORDPRESS_DATABASE_USER',
      'WORDPRESS_DATABASE_PASSWORD',
      'WORDPRESS_SMTP_USER',
      'WORDPRESS_SMTP_PASSWORD',
      'WORDPRESS_AUTH_KEY',
      'WORDPRESS_SECURE_AUTH_KEY',
      'WORDPRESS_LOGGED_IN_KEY',
      'WORDPRESS_NONCE_KEY',
      'WORDPRESS_AUTH_SALT',
      'WORDPRESS_SECURE_AUTH_SALT',
      'WORDPRESS_LOGGED_IN_SALT',
      'WORDPRESS_NONCE_SALT',
    ],
    fileVariable: fileSuffix,
    fileForm: '<VAR>_FILE',
    source: bitnamiReadme('wordpress'),
    note: BITNAMI_NOTE,
  },
];

export function accepts(entry: CatalogueEntry, variable: string): boolean {
  return isRule(entry.variables) ? entry.variables.matches(variable) : entry.variables.includes(variable);
}

export function isRule(variables: AcceptedVariables): variables is VariableRule {
  return !Array.isArray(variables);
}
