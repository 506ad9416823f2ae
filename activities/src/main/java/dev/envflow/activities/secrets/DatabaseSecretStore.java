package dev.envflow.activities.secrets;

import dev.envflow.activities.crypto.KeyRing;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link SecretStore} in envflow's inventory database (table {@code secrets}, migration {@code V2}), so that
 * every worker reads what any worker stored. Values are AES-256-GCM ciphertext under the first key of the
 * {@link KeyRing} ({@code ENVFLOW_SECRET_KEYS}), with the key id beside them and the secret's name as
 * authenticated data; any key of the ring decrypts, and {@link #reencrypt()} moves old rows to the first key.
 */
public final class DatabaseSecretStore implements SecretStore {

  private static final Logger log = LoggerFactory.getLogger(DatabaseSecretStore.class);

  private static final String UPSERT = """
      INSERT INTO secrets (name, key_id, ciphertext) VALUES (?, ?, ?)
      ON CONFLICT (name) DO UPDATE SET key_id = EXCLUDED.key_id, ciphertext = EXCLUDED.ciphertext,
        updated_at = clock_timestamp()""";

  private final DataSource dataSource;
  private final KeyRing keys;

  public DatabaseSecretStore(DataSource dataSource, KeyRing keys) {
    this.dataSource = dataSource;
    this.keys = keys;
  }

  @Override
  public void put(String key, String value) {
    SecretNames.check(key);
    byte[] ciphertext = keys.seal(value.getBytes(StandardCharsets.UTF_8), aad(key));
    try (Connection connection = dataSource.getConnection();
        PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
      upsert.setString(1, key);
      upsert.setString(2, keys.primaryId());
      upsert.setBytes(3, ciphertext);
      upsert.executeUpdate();
    } catch (SQLException e) {
      throw new SecretStoreException("cannot store secret " + key + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<String> get(String key) {
    SecretNames.check(key);
    return row(key).map(row -> new String(open(row), StandardCharsets.UTF_8));
  }

  @Override
  public void delete(String key) {
    SecretNames.check(key);
    try (Connection connection = dataSource.getConnection();
        PreparedStatement delete = connection.prepareStatement("DELETE FROM secrets WHERE name = ?")) {
      delete.setString(1, key);
      delete.executeUpdate();
    } catch (SQLException e) {
      throw new SecretStoreException("cannot delete secret " + key + ": " + e.getMessage(), e);
    }
  }

  /** The names of every stored secret, sorted. */
  public List<String> names() {
    List<String> names = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement("SELECT name FROM secrets ORDER BY name");
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        names.add(rows.getString(1));
      }
      return names;
    } catch (SQLException e) {
      throw new SecretStoreException("cannot list secrets: " + e.getMessage(), e);
    }
  }

  /**
   * Re-encrypts, under the first key, every secret stored under another key this ring holds, so that the old
   * key can later be dropped; a secret changed meanwhile is left to its writer. Secrets under a key this ring
   * does not hold are left as they are, with a warning. Returns how many were re-encrypted.
   */
  public int reencrypt() {
    int moved = 0;
    for (String name : names()) {
      Optional<Row> row = row(name);
      if (row.isEmpty() || row.get().keyId().equals(keys.primaryId())) {
        continue;
      }
      if (!keys.has(row.get().keyId())) {
        log.warn("secret {} is encrypted with key {}, which is not among the secret keys here ({}); left as is",
            name, row.get().keyId(), keys.ids());
        continue;
      }
      byte[] ciphertext = keys.seal(open(row.get()), aad(name));
      try (Connection connection = dataSource.getConnection();
          PreparedStatement update = connection.prepareStatement("UPDATE secrets SET key_id = ?, ciphertext = ?"
              + " WHERE name = ? AND key_id = ? AND ciphertext = ?")) {
        update.setString(1, keys.primaryId());
        update.setBytes(2, ciphertext);
        update.setString(3, name);
        update.setString(4, row.get().keyId());
        update.setBytes(5, row.get().ciphertext());
        moved += update.executeUpdate();
      } catch (SQLException e) {
        throw new SecretStoreException("cannot re-encrypt secret " + name + ": " + e.getMessage(), e);
      }
    }
    return moved;
  }

  private Optional<Row> row(String name) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement("SELECT key_id, ciphertext FROM secrets WHERE name = ?")) {
      select.setString(1, name);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? Optional.of(new Row(name, rows.getString(1), rows.getBytes(2))) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new SecretStoreException("cannot read secret " + name + ": " + e.getMessage(), e);
    }
  }

  private byte[] open(Row row) {
    try {
      return keys.open(row.keyId(), row.ciphertext(), aad(row.name())).orElseThrow(() -> new SecretStoreException(
          "secret " + row.name() + " is encrypted with key " + row.keyId() + ", which is not among the secret keys"
              + " here " + keys.ids() + ": every worker needs the same ENVFLOW_SECRET_KEYS", null));
    } catch (IllegalArgumentException e) {
      throw new SecretStoreException("secret " + row.name() + " cannot be decrypted: " + e.getMessage(), e);
    }
  }

  private static byte[] aad(String name) {
    return ("envflow-secret:" + name).getBytes(StandardCharsets.UTF_8);
  }

  private record Row(String name, String keyId, byte[] ciphertext) {}

  @Override
  public String toString() {
    return "DatabaseSecretStore[" + keys + "]";
  }
}
