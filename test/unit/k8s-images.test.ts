// The catalogue of images that read a secret from a `*_FILE` variable (docs/images.md): reference parsing,
// every entry in both directions, look-alikes that must not match, and the docs page kept in step.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { isRule, type CatalogueEntry } from '../../server/src/engine/k8s/images/catalogue';
import { normaliseRepository, parseImageRef } from '../../server/src/engine/k8s/images/image-ref';
import { CATALOGUE, fileVariantFor } from '../../server/src/engine/k8s/images/index';

const DOCS = readFileSync(path.join(__dirname, '..', '..', 'docs', 'images.md'), 'utf8');

describe('image references', () => {
  const cases: [string, string | undefined][] = [
    ['postgres', 'library/postgres'],
    ['postgres:16', 'library/postgres'],
    ['postgres:16.4-alpine3.20', 'library/postgres'],
    ['library/postgres', 'library/postgres'],
    ['docker.io/postgres', 'library/postgres'],
    ['docker.io/library/postgres:16', 'library/postgres'],
    ['index.docker.io/library/postgres', 'library/postgres'],
    ['registry-1.docker.io/library/postgres:latest', 'library/postgres'],
    ['mirror.gcr.io/library/postgres', 'library/postgres'],
    ['public.ecr.aws/docker/library/postgres:16', 'library/postgres'],
    [`postgres@sha256:${'a'.repeat(64)}`, 'library/postgres'],
    [`docker.io/library/postgres:16@sha256:${'0'.repeat(64)}`, 'library/postgres'],
    ['localhost/postgres', 'library/postgres'],
    ['localhost:5000/postgres:16', 'library/postgres'],
    ['registry.example.com:5000/team/app:1.2', 'team/app'],
    ['index.docker.io/bitnami/redis:7.2', 'bitnami/redis'],
    ['public.ecr.aws/bitnami/redis', 'bitnami/redis'],
    ['public.ecr.aws/docker/postgres', 'docker/postgres'],
    ['docker.elastic.co/elasticsearch/elasticsearch:8.15.0', 'elasticsearch/elasticsearch'],
    ['ghcr.io/org/sub/app', 'org/sub/app'],
    ['my_org/my-app__x', 'my_org/my-app__x'],
    // Not references: refused rather than guessed.
    ['', undefined],
    [' postgres', undefined],
    ['postgres 16', undefined],
    ['{{ .Values.image }}', undefined],
    ['{{.Values.image.repository}}:{{.Values.image.tag}}', undefined],
    ['"{{ .Values.image }}"', undefined],
    ['${REGISTRY}/postgres', undefined],
    ['$(IMAGE)', undefined],
    ['Postgres', undefined],
    ['postgres:', undefined],
    ['postgres@sha256:abc', undefined],
    ['postgres:bad/tag', undefined],
    ['/postgres', undefined],
    ['postgres/', undefined],
    ['docker.io//postgres', undefined],
    ['-bad.host/postgres', undefined],
  ];
  for (const [reference, expected] of cases) {
    it(`${JSON.stringify(reference)} → ${expected ?? 'not a reference'}`, () => {
      assert.equal(normaliseRepository(reference), expected);
    });
  }

  it('undefined is not a reference', () => {
    assert.equal(normaliseRepository(undefined), undefined);
  });

  it('keeps the registry, tag and digest apart', () => {
    const digest = `sha256:${'b'.repeat(64)}`;
    assert.deepEqual(parseImageRef(`Registry.Example.com:5000/team/app:1.2@${digest}`), {
      registry: 'registry.example.com:5000',
      path: 'team/app',
      repository: 'team/app',
      tag: '1.2',
      digest,
    });
    assert.deepEqual(parseImageRef('public.ecr.aws/docker/library/postgres'), {
      registry: 'public.ecr.aws',
      path: 'docker/library/postgres',
      repository: 'library/postgres',
      tag: undefined,
      digest: undefined,
    });
  });
});

/** Per catalogue entry: image spellings, supported variables with their file form, and variables it does not read. */
interface EntryCase {
  images: string[];
  supported: [variable: string, fileVariable: string][];
  unsupported: string[];
}

const DIGEST = `sha256:${'c'.repeat(64)}`;

/** The variables an entry names one by one (none for a rule entry). */
function listed(entry: CatalogueEntry): readonly string[] {
  return isRule(entry.variables) ? [] : entry.variables;
}

const ENTRY_CASES: Record<string, EntryCase> = {
  postgres: {
    images: ['postgres', 'postgres:16-alpine', 'docker.io/library/postgres:16', `postgres@${DIGEST}`, 'mirror.gcr.io/library/postgres'],
    supported: [
      ['POSTGRES_PASSWORD', 'POSTGRES_PASSWORD_FILE'],
      ['POSTGRES_USER', 'POSTGRES_USER_FILE'],
      ['POSTGRES_DB', 'POSTGRES_DB_FILE'],
      ['POSTGRES_INITDB_ARGS', 'POSTGRES_INITDB_ARGS_FILE'],
    ],
    unsupported: ['POSTGRES_HOST_AUTH_METHOD', 'PGPASSWORD', 'POSTGRESQL_PASSWORD', 'POSTGRES_PASSWORD_FILE'],
  },
  mysql: {
    images: ['mysql:8.4', 'docker.io/mysql', 'public.ecr.aws/docker/library/mysql:8.0'],
    supported: [
      ['MYSQL_ROOT_PASSWORD', 'MYSQL_ROOT_PASSWORD_FILE'],
      ['MYSQL_PASSWORD', 'MYSQL_PASSWORD_FILE'],
      ['MYSQL_ROOT_HOST', 'MYSQL_ROOT_HOST_FILE'],
    ],
    unsupported: ['MYSQL_ALLOW_EMPTY_PASSWORD', 'MYSQL_ONETIME_PASSWORD', 'MARIADB_ROOT_PASSWORD'],
  },
  mariadb: {
    images: ['mariadb:11', 'docker.io/library/mariadb:10.11', `mariadb@${DIGEST}`],
    supported: [
      ['MARIADB_ROOT_PASSWORD', 'MARIADB_ROOT_PASSWORD_FILE'],
      ['MARIADB_PASSWORD', 'MARIADB_PASSWORD_FILE'],
      ['MYSQL_PASSWORD', 'MYSQL_PASSWORD_FILE'],
      ['MYSQL_ROOT_HOST', 'MYSQL_ROOT_HOST_FILE'],
    ],
    unsupported: ['MARIADB_ROOT_PASSWORD_HASH', 'MARIADB_REPLICATION_PASSWORD', 'MARIADB_ALLOW_EMPTY_ROOT_PASSWORD'],
  },
  mongo: {
    images: ['mongo', 'mongo:7.0', 'index.docker.io/library/mongo:6'],
    supported: [
      ['MONGO_INITDB_ROOT_PASSWORD', 'MONGO_INITDB_ROOT_PASSWORD_FILE'],
      ['MONGO_INITDB_ROOT_USERNAME', 'MONGO_INITDB_ROOT_USERNAME_FILE'],
    ],
    unsupported: ['MONGO_INITDB_DATABASE', 'MONGODB_ROOT_PASSWORD'],
  },
  wordpress: {
    images: ['wordpress', 'wordpress:6-php8.2-apache', 'docker.io/library/wordpress:fpm'],
    supported: [
      ['WORDPRESS_DB_PASSWORD', 'WORDPRESS_DB_PASSWORD_FILE'],
      ['WORDPRESS_AUTH_KEY', 'WORDPRESS_AUTH_KEY_FILE'],
      ['WORDPRESS_NONCE_SALT', 'WORDPRESS_NONCE_SALT_FILE'],
    ],
    unsupported: ['WORDPRESS_CONFIG_EXTRA', 'WORDPRESS_DATABASE_PASSWORD'],
  },
  nextcloud: {
    images: ['nextcloud', 'nextcloud:29-apache', 'docker.io/library/nextcloud:fpm-alpine'],
    supported: [
      ['NEXTCLOUD_ADMIN_PASSWORD', 'NEXTCLOUD_ADMIN_PASSWORD_FILE'],
      ['POSTGRES_PASSWORD', 'POSTGRES_PASSWORD_FILE'],
      ['REDIS_HOST_PASSWORD', 'REDIS_HOST_PASSWORD_FILE'],
      ['OBJECTSTORE_S3_SECRET', 'OBJECTSTORE_S3_SECRET_FILE'],
    ],
    unsupported: ['MYSQL_HOST', 'POSTGRES_HOST', 'MYSQL_ROOT_PASSWORD', 'OBJECTSTORE_SWIFT_PASSWORD'],
  },
  grafana: {
    images: ['grafana/grafana', 'grafana/grafana:11.2.0', 'docker.io/grafana/grafana-oss:10.4.1', 'grafana/grafana-enterprise:latest-ubuntu'],
    supported: [
      ['GF_SECURITY_ADMIN_PASSWORD', 'GF_SECURITY_ADMIN_PASSWORD__FILE'],
      ['GF_DATABASE_PASSWORD', 'GF_DATABASE_PASSWORD__FILE'],
      ['GF_AUTH_GENERIC_OAUTH_CLIENT_SECRET', 'GF_AUTH_GENERIC_OAUTH_CLIENT_SECRET__FILE'],
      ['GF_AWS_default_SECRET_ACCESS_KEY', 'GF_AWS_default_SECRET_ACCESS_KEY__FILE'],
    ],
    unsupported: ['GF_SECURITY_ADMIN_PASSWORD__FILE', 'GF_PATHS_DATA', 'GF_', 'ADMIN_PASSWORD', 'GRAFANA_PASSWORD'],
  },
  elasticsearch: {
    images: ['elasticsearch:8.15.0', 'docker.elastic.co/elasticsearch/elasticsearch:8.15.0', 'docker.io/library/elasticsearch:7.17.24'],
    supported: [
      ['ELASTIC_PASSWORD', 'ELASTIC_PASSWORD_FILE'],
      ['KEYSTORE_PASSWORD', 'KEYSTORE_PASSWORD_FILE'],
    ],
    unsupported: ['xpack.security.enabled', 'ES_SETTING_XPACK_SECURITY_ENABLED', 'KIBANA_PASSWORD'],
  },
  gitea: {
    images: ['gitea/gitea:1.22', 'gitea/gitea:1.22-rootless', 'docker.gitea.com/gitea:1.23', 'docker.io/gitea/gitea'],
    supported: [
      ['GITEA__database__PASSWD', 'GITEA__database__PASSWD__FILE'],
      ['GITEA__security__SECRET_KEY', 'GITEA__security__SECRET_KEY__FILE'],
      ['GITEA__mailer__PASSWD', 'GITEA__mailer__PASSWD__FILE'],
      ['GITEA____APP_NAME', 'GITEA____APP_NAME__FILE'],
    ],
    unsupported: ['GITEA__database__PASSWD__FILE', 'GITEA__database', 'GITEA__database__', 'GITEA_DB_PASSWD', 'USER_UID'],
  },
  'bitnami-postgresql': {
    images: [
      'bitnami/postgresql:16',
      'docker.io/bitnami/postgresql:16.4.0-debian-12-r0',
      'bitnamilegacy/postgresql:17.6.0',
      'public.ecr.aws/bitnami/postgresql',
    ],
    supported: [
      ['POSTGRESQL_PASSWORD', 'POSTGRESQL_PASSWORD_FILE'],
      ['POSTGRESQL_POSTGRES_PASSWORD', 'POSTGRESQL_POSTGRES_PASSWORD_FILE'],
      ['POSTGRES_PASSWORD', 'POSTGRES_PASSWORD_FILE'],
      ['POSTGRESQL_REPLICATION_PASSWORD', 'POSTGRESQL_REPLICATION_PASSWORD_FILE'],
    ],
    unsupported: ['POSTGRESQL_PORT_NUMBER', 'REPMGR_PASSWORD', 'POSTGRESQL_TLS_KEY_FILE', 'PGPASSWORD'],
  },
  'bitnami-postgresql-repmgr': {
    images: ['bitnami/postgresql-repmgr:16', 'bitnamilegacy/postgresql-repmgr:17.6.0-debian-12-r2'],
    supported: [
      ['REPMGR_PASSWORD', 'REPMGR_PASSWORD_FILE'],
      ['POSTGRESQL_PASSWORD', 'POSTGRESQL_PASSWORD_FILE'],
      ['POSTGRES_POSTGRES_PASSWORD', 'POSTGRES_POSTGRES_PASSWORD_FILE'],
    ],
    unsupported: ['REPMGR_PARTNER_NODES', 'REPMGR_NODE_NAME'],
  },
  'bitnami-mysql': {
    images: ['bitnami/mysql:8.4', 'docker.io/bitnamilegacy/mysql:8.0'],
    supported: [
      ['MYSQL_ROOT_PASSWORD', 'MYSQL_ROOT_PASSWORD_FILE'],
      ['MYSQL_REPLICATION_PASSWORD', 'MYSQL_REPLICATION_PASSWORD_FILE'],
    ],
    unsupported: ['MYSQL_ROOT_HOST', 'MYSQL_EXTRA_FLAGS', 'MARIADB_ROOT_PASSWORD'],
  },
  'bitnami-mariadb': {
    images: ['bitnami/mariadb:11.4', 'bitnamilegacy/mariadb:10.6'],
    supported: [
      ['MARIADB_ROOT_PASSWORD', 'MARIADB_ROOT_PASSWORD_FILE'],
      ['MARIADB_PASSWORD', 'MARIADB_PASSWORD_FILE'],
    ],
    unsupported: ['MARIADB_ROOT_HOST', 'MYSQL_ROOT_PASSWORD', 'MARIADB_CHARACTER_SET'],
  },
  'bitnami-mongodb': {
    images: ['bitnami/mongodb:8.0', 'bitnamilegacy/mongodb:7.0.14'],
    supported: [
      ['MONGODB_ROOT_PASSWORD', 'MONGODB_ROOT_PASSWORD_FILE'],
      ['MONGODB_EXTRA_PASSWORDS', 'MONGODB_EXTRA_PASSWORDS_FILE'],
      ['MONGODB_REPLICA_SET_KEY', 'MONGODB_REPLICA_SET_KEY_FILE'],
    ],
    unsupported: ['MONGO_INITDB_ROOT_PASSWORD', 'MONGODB_PORT_NUMBER'],
  },
  'bitnami-redis': {
    images: ['bitnami/redis:7.2', 'index.docker.io/bitnami/redis:7.2', 'bitnamilegacy/redis:7.4.1'],
    supported: [
      ['REDIS_PASSWORD', 'REDIS_PASSWORD_FILE'],
      ['REDIS_MASTER_PASSWORD', 'REDIS_MASTER_PASSWORD_FILE'],
    ],
    unsupported: ['REDIS_SENTINEL_PASSWORD', 'REDIS_PORT_NUMBER', 'REDIS_ACLFILE'],
  },
  'bitnami-redis-sentinel': {
    images: ['bitnami/redis-sentinel:7.4', 'bitnamilegacy/redis-sentinel:7.2'],
    supported: [
      ['REDIS_SENTINEL_PASSWORD', 'REDIS_SENTINEL_PASSWORD_FILE'],
      ['REDIS_MASTER_PASSWORD', 'REDIS_MASTER_PASSWORD_FILE'],
    ],
    unsupported: ['REDIS_PASSWORD', 'REDIS_SENTINEL_QUORUM'],
  },
  'bitnami-redis-cluster': {
    images: ['bitnami/redis-cluster:7.4', 'bitnamilegacy/redis-cluster:7.2.5'],
    supported: [
      ['REDIS_PASSWORD', 'REDIS_PASSWORD_FILE'],
      ['REDIS_MASTER_PASSWORD', 'REDIS_MASTER_PASSWORD_FILE'],
    ],
    unsupported: ['REDIS_NODES', 'REDIS_SENTINEL_PASSWORD'],
  },
  'bitnami-rabbitmq': {
    images: ['bitnami/rabbitmq:4.1', 'bitnamilegacy/rabbitmq:3.13'],
    supported: [
      ['RABBITMQ_PASSWORD', 'RABBITMQ_PASSWORD_FILE'],
      ['RABBITMQ_ERL_COOKIE', 'RABBITMQ_ERL_COOKIE_FILE'],
      ['RABBITMQ_DEFAULT_PASS', 'RABBITMQ_DEFAULT_PASS_FILE'],
    ],
    unsupported: ['RABBITMQ_NODE_NAME', 'RABBITMQ_VHOST'],
  },
  'bitnami-keycloak': {
    images: ['bitnami/keycloak:26', 'bitnamilegacy/keycloak:26.3.3'],
    supported: [
      ['KC_BOOTSTRAP_ADMIN_PASSWORD', 'KC_BOOTSTRAP_ADMIN_PASSWORD_FILE'],
      ['KC_DB_PASSWORD', 'KC_DB_PASSWORD_FILE'],
      ['KEYCLOAK_DATABASE_PASSWORD', 'KEYCLOAK_DATABASE_PASSWORD_FILE'],
    ],
    unsupported: ['KEYCLOAK_ADMIN_PASSWORD', 'KC_HOSTNAME', 'KC_DB'],
  },
  'bitnami-wordpress': {
    images: ['bitnami/wordpress:6', 'bitnamilegacy/wordpress:6.8.2'],
    supported: [
      ['WORDPRESS_PASSWORD', 'WORDPRESS_PASSWORD_FILE'],
      ['WORDPRESS_DATABASE_PASSWORD', 'WORDPRESS_DATABASE_PASSWORD_FILE'],
      ['WORDPRESS_SMTP_PASSWORD', 'WORDPRESS_SMTP_PASSWORD_FILE'],
    ],
    unsupported: ['WORDPRESS_DB_PASSWORD', 'WORDPRESS_BLOG_NAME', 'SMTP_PASSWORD'],
  },
};

describe('catalogue entries', () => {
  it('every entry has its cases here, and nothing here is stale', () => {
    assert.deepEqual(Object.keys(ENTRY_CASES).sort(), CATALOGUE.map((e) => e.id).sort());
  });

  for (const entry of CATALOGUE) {
    describe(entry.id, () => {
      const cases = ENTRY_CASES[entry.id];
      if (!cases) return; // reported by the completeness test above

      for (const image of cases.images) {
        it(`${image}: supported variables read their file variable`, () => {
          for (const [variable, fileVariable] of cases.supported) {
            assert.deepEqual(fileVariantFor(image, variable), { variable: fileVariable, imageId: entry.id, source: entry.source }, variable);
          }
        });
        it(`${image}: undocumented variables are unknown`, () => {
          for (const variable of cases.unsupported) assert.equal(fileVariantFor(image, variable), undefined, variable);
        });
      }

      it('every listed variable is answered, for every repository', () => {
        for (const repository of entry.repositories) {
          for (const variable of listed(entry))
            assert.equal(fileVariantFor(repository, variable)?.variable, entry.fileVariable(variable), `${repository} ${variable}`);
        }
      });
    });
  }
});

describe('what must not match', () => {
  const lookAlikes: [image: string, variable: string][] = [
    ['myorg/postgres', 'POSTGRES_PASSWORD'],
    ['ghcr.io/myorg/postgres:16', 'POSTGRES_PASSWORD'],
    ['postgres-exporter', 'POSTGRES_PASSWORD'],
    ['prometheuscommunity/postgres-exporter', 'POSTGRES_PASSWORD'],
    ['postgresql', 'POSTGRES_PASSWORD'],
    ['bitnami/postgres', 'POSTGRES_PASSWORD'],
    ['bitnamisecure/postgresql', 'POSTGRESQL_PASSWORD'],
    ['mysql/mysql-server:8.0', 'MYSQL_ROOT_PASSWORD'],
    ['mongo-express', 'ME_CONFIG_MONGODB_ADMINPASSWORD'],
    ['mongo-express', 'MONGO_INITDB_ROOT_PASSWORD'],
    ['bitnami/grafana', 'GF_SECURITY_ADMIN_PASSWORD'],
    ['grafana/loki', 'GF_SECURITY_ADMIN_PASSWORD'],
    ['minio/minio', 'MINIO_ROOT_PASSWORD'],
    ['rabbitmq:3-management', 'RABBITMQ_DEFAULT_PASS'],
    ['redis:7', 'REDIS_PASSWORD'],
    ['wordpress', 'POSTGRES_PASSWORD'],
  ];
  for (const [image, variable] of lookAlikes) {
    it(`${image} does not get ${variable}_FILE`, () => {
      assert.equal(fileVariantFor(image, variable), undefined);
    });
  }

  it('a templated, empty or missing image matches nothing', () => {
    for (const image of ['{{ .Values.image }}', '{{ .Values.image.repository }}:{{ .Values.image.tag }}', '${IMAGE}', '', undefined]) {
      assert.equal(fileVariantFor(image, 'POSTGRES_PASSWORD'), undefined, String(image));
    }
  });

  it('a variable that is not a plain name matches nothing', () => {
    for (const variable of ['', 'POSTGRES_PASSWORD ', '{{ .Values.var }}', '$(POSTGRES_PASSWORD)', 'postgres password']) {
      assert.equal(fileVariantFor('postgres', variable), undefined, JSON.stringify(variable));
    }
  });

  it('variable names are case-sensitive', () => {
    assert.equal(fileVariantFor('postgres', 'postgres_password'), undefined);
  });
});

describe('catalogue shape', () => {
  it('ids are unique and each repository belongs to one entry', () => {
    assert.equal(new Set(CATALOGUE.map((e) => e.id)).size, CATALOGUE.length);
    const repositories = CATALOGUE.flatMap((e) => e.repositories);
    assert.equal(new Set(repositories).size, repositories.length);
  });

  it('repositories are written the way references normalise', () => {
    for (const entry of CATALOGUE) for (const repository of entry.repositories) assert.equal(normaliseRepository(repository), repository, repository);
  });

  it('listed variables are plain names, not file variables, and map to a different name', () => {
    for (const entry of CATALOGUE) {
      if (isRule(entry.variables)) continue;
      for (const variable of entry.variables) {
        assert.match(variable, /^[A-Z][A-Z0-9_]*$/, `${entry.id} ${variable}`);
        assert.ok(!variable.endsWith('_FILE'), `${entry.id} ${variable}`);
        assert.notEqual(entry.fileVariable(variable), variable);
      }
      assert.equal(new Set(entry.variables).size, entry.variables.length, `${entry.id} lists a variable twice`);
    }
  });

  it('sources are https links', () => {
    for (const entry of CATALOGUE) assert.match(entry.source, /^https:\/\/[^\s]+$/, entry.id);
  });
});

describe('docs/images.md', () => {
  for (const entry of CATALOGUE) {
    it(`documents ${entry.id}`, () => {
      assert.ok(DOCS.includes(`\`${entry.id}\``), `id ${entry.id} missing`);
      assert.ok(DOCS.includes(entry.source), `source of ${entry.id} missing`);
      for (const repository of entry.repositories) assert.ok(DOCS.includes(`\`${repository}\``), `${entry.id}: ${repository} missing`);
      const variables = isRule(entry.variables) ? [entry.variables.description] : entry.variables.map((v) => `\`${v}\``);
      for (const variable of variables) assert.ok(DOCS.includes(variable), `${entry.id}: ${variable} missing`);
    });
  }
});
