package io.lethe.server.config;

import io.lethe.lifecycle.policy.RetentionPolicy;
import io.lethe.storage.BlindIndexSettings;
import io.lethe.storage.PersonalDataStore;
import io.lethe.storage.keys.CachingKeyProvider;
import io.lethe.storage.keys.KeyProvider;
import io.lethe.storage.objects.ObjectStore;
import io.lethe.storage.schema.Schema;
import java.nio.file.Path;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The schema, the retention policy, the key provider and the encrypted record store. */
@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

  /** Static: a post-processor must exist before the beans it processes (the data source). */
  @Bean
  static PostgresBatchInserts postgresBatchInserts() {
    return new PostgresBatchInserts();
  }

  @Bean
  Schema schema(LetheProperties properties) {
    String file = properties.storage().schemaFile();
    return file == null || file.isBlank() ? Schema.defaultSchema() : Schema.load(Path.of(file));
  }

  /** Refuses to start when the policy leaves a retention class of the schema without a rule. */
  @Bean
  RetentionPolicy retentionPolicy(LetheProperties properties, Schema schema) {
    String file = properties.lifecycle().policyFile();
    RetentionPolicy policy = file == null || file.isBlank()
        ? RetentionPolicy.defaultPolicy() : RetentionPolicy.load(Path.of(file));
    policy.validateAgainst(schema);
    return policy;
  }

  @Bean(destroyMethod = "close")
  CachingKeyProvider keyProvider(LetheProperties properties) throws java.io.IOException {
    LetheProperties.Keys keys = properties.keys();
    return CachingKeyProvider.builder(KeyProviders.create(properties))
        .maxEntries(keys.cacheMaxEntries())
        .timeToLive(keys.cacheTtl())
        .build();
  }

  @Bean
  ObjectStore objectStore(io.minio.MinioClient minio, KeyProvider keys, LetheProperties properties) {
    return ObjectStore.s3(minio, properties.objects().bucket(), keys);
  }

  @Bean
  PersonalDataStore personalDataStore(Schema schema, KeyProvider keys, RetentionPolicy policy,
      LetheProperties properties) {
    // Closing an account and fulfilling a purpose come later and date the records then.
    return PersonalDataStore.create(schema, keys,
        new BlindIndexSettings(properties.storage().blindIndexBytes()), policy.recordExpiry(),
        FieldEncryptions.create(properties.storage().insecureFieldEncryption()));
  }
}
