package dev.envflow.activities.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PostgresConfigRecordsTest {

  @Test
  void readsAdminUserAndPasswordFromJdbcUrlQuery() {
    PostgresAdminConfig config = PostgresAdminConfig.fromJdbcUrl(
        "jdbc:postgresql://db.internal:6543/admin?user=envflow&password=p%40ss%3Aword");

    assertThat(config).isEqualTo(new PostgresAdminConfig("db.internal", 6543, "envflow", "p@ss:word", "admin"));
  }

  @Test
  void defaultsPortDatabaseAndUserWhenTheUrlOmitsThem() {
    assertThat(PostgresAdminConfig.fromJdbcUrl("jdbc:postgresql://localhost/"))
        .isEqualTo(new PostgresAdminConfig("localhost", 5432, "postgres", "", "postgres"));
  }

  @Test
  void refusesUrlsThatAreNotPostgresJdbcUrls() {
    assertThatThrownBy(() -> PostgresAdminConfig.fromJdbcUrl("jdbc:mysql://localhost/x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("localhost");
  }

  @Test
  void adminConfigAndCredentialsNeverShowTheirPasswordInToString() {
    assertThat(new PostgresAdminConfig("h", 1, "admin", "s3cret-admin", "postgres").toString()).doesNotContain("s3cret-admin");
    assertThat(new PostgresCredentials("app", "s3cret-app", "h", 1, "db").toString()).doesNotContain("s3cret-app");
  }

  @Test
  void credentialsSurviveTheSecretStoreUrlRoundTripEvenWithSpecialCharacters() {
    PostgresCredentials credentials = new PostgresCredentials("synckairos_staging", "a/b@c:d%e", "127.0.0.1", 5433, "synckairos_staging");

    PostgresCredentials read = PostgresCredentials.fromUrl(credentials.toUrl());

    assertThat(read).isEqualTo(credentials);
    assertThat(read.location()).isEqualTo("postgresql://127.0.0.1:5433/synckairos_staging");
  }

  @Test
  void environmentNamesBecomeSafeIdentifiers() {
    assertThat(PostgresNames.identifier("synckairos-staging")).isEqualTo("synckairos_staging");
    assertThat(PostgresNames.identifier("My.App-Prod")).isEqualTo("my_app_prod");
    assertThat(PostgresNames.identifier("1app-x")).isEqualTo("env_1app_x");
    assertThat(PostgresNames.identifier("a".repeat(80))).hasSize(63);
    assertThat(PostgresNames.quoted("we\"ird")).isEqualTo("\"we\"\"ird\"");
  }

  @Test
  void generatedPasswordsAreLongAndDistinct() {
    String first = StrongPasswords.generate();

    assertThat(first).hasSize(32).matches("[A-Za-z0-9]+");
    assertThat(StrongPasswords.generate()).isNotEqualTo(first);
  }
}
