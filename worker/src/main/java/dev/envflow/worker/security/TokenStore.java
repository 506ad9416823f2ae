package dev.envflow.worker.security;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/** API tokens in envflow's inventory database: one per user, kept only as a hash. */
public class TokenStore {

  /** A user and their roles, as {@code GET /api/tokens} lists them (never the token). */
  public record TokenInfo(String user, List<String> roles, Instant createdAt, String createdBy) {}

  private final DataSource dataSource;

  public TokenStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Creates (or replaces) the user's token and returns it: the only time it is ever seen. */
  public String create(String user, Set<Role> roles, String createdBy) {
    String token = TokenHashes.newToken();
    String sql = """
        INSERT INTO api_tokens (user_name, token_hash, roles, created_by) VALUES (?, ?, ?, ?)
        ON CONFLICT (user_name) DO UPDATE SET token_hash = EXCLUDED.token_hash, roles = EXCLUDED.roles,
          created_by = EXCLUDED.created_by, created_at = clock_timestamp()""";
    try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, user);
      statement.setString(2, TokenHashes.hash(token));
      statement.setArray(3, connection.createArrayOf("text", roles.stream().map(Role::wireName).sorted().toArray()));
      statement.setString(4, createdBy);
      statement.executeUpdate();
      return token;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot store the token of " + user + ": " + e.getMessage(), e);
    }
  }

  public Optional<ApiUser> findByToken(String token) {
    String sql = "SELECT user_name, roles FROM api_tokens WHERE token_hash = ?";
    try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, TokenHashes.hash(token));
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() ? Optional.of(new ApiUser(rows.getString(1), roles(rows.getArray(2)))) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot check a token: " + e.getMessage(), e);
    }
  }

  public List<TokenInfo> list() {
    String sql = "SELECT user_name, roles, created_at, created_by FROM api_tokens ORDER BY user_name";
    try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql);
        ResultSet rows = statement.executeQuery()) {
      List<TokenInfo> tokens = new ArrayList<>();
      while (rows.next()) {
        tokens.add(new TokenInfo(rows.getString(1), roles(rows.getArray(2)).stream().map(Role::wireName).sorted().toList(),
            rows.getTimestamp(3).toInstant(), rows.getString(4)));
      }
      return tokens;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot list tokens: " + e.getMessage(), e);
    }
  }

  /** Revokes the user's token; false when they had none. */
  public boolean revoke(String user) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement("DELETE FROM api_tokens WHERE user_name = ?")) {
      statement.setString(1, user);
      return statement.executeUpdate() > 0;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot revoke the token of " + user + ": " + e.getMessage(), e);
    }
  }

  private static Set<Role> roles(Array array) throws SQLException {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (Object name : (Object[]) array.getArray()) {
      Role.fromWireName(String.valueOf(name)).ifPresent(roles::add);
    }
    return roles;
  }
}
