package dev.envflow.worker.config;

import dev.envflow.activities.crypto.KeyRingFile;
import dev.envflow.activities.inventory.Inventory;
import dev.envflow.activities.secrets.DatabaseSecretStore;
import dev.envflow.activities.secrets.FileSecretImport;
import dev.envflow.worker.embedded.LocalDataServices;
import java.nio.file.Path;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The worker's {@code SecretStore}: encrypted rows in envflow's inventory database, shared by every worker. On
 * start, secrets an older envflow kept in files under {@code <state dir>/secrets} move into it (the embedded
 * servers' admin passwords stay: they are needed before the database is reachable), and rows under an older
 * key are re-encrypted under the first key of {@code ENVFLOW_SECRET_KEYS}.
 */
@Configuration(proxyBeanMethods = false)
public class SecretStoreConfiguration {

  private static final Logger log = LoggerFactory.getLogger(SecretStoreConfiguration.class);

  /** {@code inventory} is here so that its migrations, {@code secrets} table included, have run. */
  @Bean
  DatabaseSecretStore secretStore(DataSource inventoryDataSource, Inventory inventory, EncryptionProperties encryption,
      Path stateDirectory) {
    DatabaseSecretStore store = new DatabaseSecretStore(inventoryDataSource,
        KeyRingFile.load("ENVFLOW_SECRET_KEYS", encryption.secretKeys(), stateDirectory.resolve("secret-keys")));
    FileSecretImport.run(stateDirectory.resolve("secrets"), store, List.of(LocalDataServices.MACHINE_LOCAL_SECRETS));
    int reencrypted = store.reencrypt();
    if (reencrypted > 0) {
      log.info("re-encrypted {} secret(s) under the first key of the secret keys", reencrypted);
    }
    return store;
  }
}
