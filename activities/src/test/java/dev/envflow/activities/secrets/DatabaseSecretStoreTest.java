package dev.envflow.activities.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.envflow.activities.crypto.KeyRing;
import dev.envflow.activities.inventory.Inventory;
import dev.envflow.activities.postgres.PostgresAdminConfig;
import dev.envflow.activities.testing.LocalServices;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseSecretStoreTest {

  private static final String DATABASE = "secret_store_test";
  private static final String PASSWORD = "s3cr3t-Pa55w0rd";
  private static final String PASSWORD_URL = "postgresql://app:" + PASSWORD + "@127.0.0.1:5432/app";
  private static final KeyRing OLD = ring("old", 1);
  private static final KeyRing NEW_THEN_OLD = KeyRing.parse("TEST", "new:" + key(2) + ",old:" + key(1));
  private static final KeyRing NEW_ONLY = KeyRing.parse("TEST", "new:" + key(2));

  private static PostgresAdminConfig postgres;
  private static HikariDataSource dataSource;

  @BeforeAll
  static void database() throws Exception {
    postgres = LocalServices.postgres();
    adminExecute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
    adminExecute("CREATE DATABASE " + DATABASE);
    dataSource = new HikariDataSource();
    dataSource.setJdbcUrl(postgres.jdbcUrl(DATABASE));
    dataSource.setUsername(postgres.adminUser());
    dataSource.setPassword(postgres.adminPassword());
    new Inventory(dataSource).migrate();
  }

  @AfterAll
  static void dropDatabase() throws Exception {
    if (dataSource != null) {
      dataSource.close();
      adminExecute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
    }
  }

  @BeforeEach
  void empty() throws Exception {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute("DELETE FROM secrets");
    }
  }

  @Test
  void storesReadsReplacesAndDeletesSecretsThatAnotherWorkerWithTheSameKeysSees() {
    DatabaseSecretStore worker1 = new DatabaseSecretStore(dataSource, OLD);
    DatabaseSecretStore worker2 = new DatabaseSecretStore(dataSource, ring("old", 1));

    worker1.put("POSTGRES_DATABASE/app", PASSWORD_URL);
    assertThat(worker2.get("POSTGRES_DATABASE/app")).contains(PASSWORD_URL);
    assertThat(worker2.applicationUrl("POSTGRES_DATABASE", "app")).contains(PASSWORD_URL);

    worker2.put("POSTGRES_DATABASE/app", PASSWORD_URL + "?v=2");
    assertThat(worker1.get("POSTGRES_DATABASE/app")).contains(PASSWORD_URL + "?v=2");
    assertThat(worker1.names()).containsExactly("POSTGRES_DATABASE/app");

    worker1.delete("POSTGRES_DATABASE/app");
    worker1.delete("POSTGRES_DATABASE/app");
    assertThat(worker2.get("POSTGRES_DATABASE/app")).isEmpty();
    assertThat(worker2.get("REDIS_USER/never")).isEmpty();
  }

  @Test
  void theTableHoldsCiphertextUnderTheKeyIdNeverThePlaintext() throws Exception {
    new DatabaseSecretStore(dataSource, OLD).put("POSTGRES_DATABASE/app", PASSWORD_URL);

    try (Connection connection = dataSource.getConnection();
        ResultSet rows = connection.createStatement().executeQuery("SELECT * FROM secrets")) {
      assertThat(rows.next()).isTrue();
      byte[] stored = rows.getBytes("ciphertext");
      assertThat(rows.getString("key_id")).isEqualTo("old");
      assertThat(stored).hasSize(KeyRing.IV_BYTES + PASSWORD_URL.length() + 16);
      assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(PASSWORD, "app:");
      for (int column = 1; column <= rows.getMetaData().getColumnCount(); column++) {
        assertThat(String.valueOf(rows.getString(column))).doesNotContain(PASSWORD);
      }
      assertThat(rows.next()).isFalse();
    }
  }

  @Test
  void afterRotationOldSecretsStillReadNewOnesUseTheNewKeyAndReencryptionRetiresTheOldKey() throws Exception {
    new DatabaseSecretStore(dataSource, OLD).put("REDIS_USER/a", "redis://a:pw-a@h:1");
    DatabaseSecretStore rotated = new DatabaseSecretStore(dataSource, NEW_THEN_OLD);

    assertThat(rotated.get("REDIS_USER/a")).contains("redis://a:pw-a@h:1");
    rotated.put("REDIS_USER/b", "redis://b:pw-b@h:1");
    assertThat(keyIds()).containsExactly("old", "new");
    assertThatThrownBy(() -> new DatabaseSecretStore(dataSource, NEW_ONLY).get("REDIS_USER/a"))
        .isInstanceOf(SecretStoreException.class)
        .hasMessageContaining("REDIS_USER/a").hasMessageContaining("old").hasMessageContaining("ENVFLOW_SECRET_KEYS")
        .hasMessageNotContaining("pw-a");

    assertThat(rotated.reencrypt()).isEqualTo(1);
    assertThat(rotated.reencrypt()).isZero();
    assertThat(keyIds()).containsExactly("new", "new");
    DatabaseSecretStore newOnly = new DatabaseSecretStore(dataSource, NEW_ONLY);
    assertThat(newOnly.get("REDIS_USER/a")).contains("redis://a:pw-a@h:1");
    assertThat(newOnly.get("REDIS_USER/b")).contains("redis://b:pw-b@h:1");
  }

  @Test
  void aValueCopiedIntoAnotherSecretsRowDoesNotDecrypt() throws Exception {
    DatabaseSecretStore store = new DatabaseSecretStore(dataSource, OLD);
    store.put("REDIS_USER/a", "redis://a:pw-a@h:1");
    store.put("REDIS_USER/b", "redis://b:pw-b@h:1");
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute("UPDATE secrets SET ciphertext = (SELECT ciphertext FROM secrets WHERE name = 'REDIS_USER/a')"
          + " WHERE name = 'REDIS_USER/b'");
    }
    assertThatThrownBy(() -> store.get("REDIS_USER/b"))
        .isInstanceOf(SecretStoreException.class).hasMessageNotContaining("pw-a");
  }

  @Test
  void importsFileSecretsThenRemovesTheFilesKeepingMachineLocalOnes(@TempDir Path state) throws Exception {
    Path directory = state.resolve("secrets");
    FileSecretStore files = new FileSecretStore(directory);
    files.put("POSTGRES_DATABASE/app", PASSWORD_URL);
    files.put("POSTGRES_DATABASE_APP/app", PASSWORD_URL + "?pool");
    files.put("REDIS_USER/app", "redis://app:pw@h:1");
    files.put("embedded/redis-admin", "admin-pw");
    DatabaseSecretStore store = new DatabaseSecretStore(dataSource, OLD);

    List<String> imported = FileSecretImport.run(directory, store, List.of("embedded/"));

    assertThat(imported).containsExactly("POSTGRES_DATABASE/app", "POSTGRES_DATABASE_APP/app", "REDIS_USER/app");
    assertThat(store.applicationUrl("POSTGRES_DATABASE", "app")).contains(PASSWORD_URL + "?pool");
    assertThat(store.get("REDIS_USER/app")).contains("redis://app:pw@h:1");
    assertThat(store.get("embedded/redis-admin")).isEmpty();
    assertThat(files.get("embedded/redis-admin")).contains("admin-pw");
    try (var left = Files.walk(directory)) {
      assertThat(left.filter(Files::isRegularFile).map(p -> directory.relativize(p).toString()))
          .containsExactly("embedded/redis-admin");
    }
    assertThat(directory.resolve("POSTGRES_DATABASE")).doesNotExist();
    assertThat(FileSecretImport.run(directory, store, List.of("embedded/"))).isEmpty();
  }

  @Test
  void aFileWhoseNameTheStoreHoldsWithAnotherValueIsKept(@TempDir Path state) {
    Path directory = state.resolve("secrets");
    new FileSecretStore(directory).put("REDIS_USER/app", "redis://app:from-file@h:1");
    DatabaseSecretStore store = new DatabaseSecretStore(dataSource, OLD);
    store.put("REDIS_USER/app", "redis://app:from-db@h:1");

    assertThat(FileSecretImport.run(directory, store, List.of())).isEmpty();
    assertThat(store.get("REDIS_USER/app")).contains("redis://app:from-db@h:1");
    assertThat(directory.resolve("REDIS_USER/app")).exists();
  }

  @Test
  void refusesNamesThatCouldEscapeAFileStore() {
    DatabaseSecretStore store = new DatabaseSecretStore(dataSource, OLD);
    assertThatThrownBy(() -> store.put("REDIS_USER/..", "x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.get("../etc")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void toStringShowsNoKeyMaterial() {
    assertThat(new DatabaseSecretStore(dataSource, NEW_THEN_OLD).toString())
        .contains("new", "old").doesNotContain(key(1), key(2));
  }

  private static List<String> keyIds() throws Exception {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement("SELECT key_id FROM secrets ORDER BY name");
        ResultSet rows = select.executeQuery()) {
      List<String> ids = new ArrayList<>();
      while (rows.next()) {
        ids.add(rows.getString(1));
      }
      return ids;
    }
  }

  private static KeyRing ring(String id, int seed) {
    return KeyRing.parse("TEST", id + ":" + key(seed));
  }

  private static String key(int seed) {
    byte[] bytes = new byte[32];
    new Random(seed).nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static void adminExecute(String sql) throws Exception {
    try (Connection admin = DriverManager.getConnection(
            postgres.jdbcUrl(postgres.adminDatabase()), postgres.adminUser(), postgres.adminPassword());
        Statement statement = admin.createStatement()) {
      statement.execute(sql);
    }
  }
}
