package dev.envflow.activities.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RedisConfigRecordsTest {

  @Test
  void readsAdminUserAndPasswordFromRedisUrl() {
    assertThat(RedisAdminConfig.fromUrl("redis://ops:p%40ss@cache.internal:6380"))
        .isEqualTo(new RedisAdminConfig("cache.internal", 6380, "ops", "p@ss"));
  }

  @Test
  void urlWithOnlyAPasswordMeansTheDefaultUser() {
    assertThat(RedisAdminConfig.fromUrl("redis://:secret@localhost"))
        .isEqualTo(new RedisAdminConfig("localhost", 6379, "default", "secret"));
  }

  @Test
  void adminConfigAndCredentialsNeverShowTheirPasswordInToString() {
    assertThat(new RedisAdminConfig("h", 1, "default", "s3cret-admin").toString()).doesNotContain("s3cret-admin");
    assertThat(new RedisCredentials("app", "s3cret-app", "h", 1).toString()).doesNotContain("s3cret-app");
  }

  @Test
  void credentialsSurviveTheSecretStoreUrlRoundTrip() {
    RedisCredentials credentials = new RedisCredentials("synckairos-staging", "a/b@c:d", "127.0.0.1", 6390);

    assertThat(RedisCredentials.fromUrl(credentials.toUrl())).isEqualTo(credentials);
  }

  @Test
  void tlsCredentialsAreRedissUrlsBothWays() {
    RedisCredentials credentials = new RedisCredentials("default", "0a1b2c", "eu2-sought-mollusk-30143.upstash.io",
        6379, true);

    assertThat(credentials.toUrl()).isEqualTo("rediss://default:0a1b2c@eu2-sought-mollusk-30143.upstash.io:6379");
    assertThat(credentials.location()).isEqualTo("rediss://eu2-sought-mollusk-30143.upstash.io:6379");
    assertThat(RedisCredentials.fromUrl(credentials.toUrl())).isEqualTo(credentials);
  }

  @Test
  void theSeedsUrlShapesReadAsTheDefaultUserOnTheDefaultPort() {
    assertThat(RedisCredentials.fromUrl("rediss://:AYHxASQgZjk0Yjg@us1-merry-frog-12345.upstash.io:6379"))
        .isEqualTo(new RedisCredentials("default", "AYHxASQgZjk0Yjg", "us1-merry-frog-12345.upstash.io", 6379, true));
    assertThat(RedisCredentials.fromUrl("redis://default:pw@fly-synckairos-redis.upstash.io"))
        .isEqualTo(new RedisCredentials("default", "pw", "fly-synckairos-redis.upstash.io", 6379, false));
  }

  @Test
  void anUnreadableUrlIsRefusedWithoutRepeatingIt() {
    assertThatThrownBy(() -> RedisCredentials.fromUrl("redis://default:s3cret pass@host name:6379"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("s3cret");
  }

  @Test
  void aclRulesConfineTheUserToItsPrefixAndNeverCarryTheClearPassword() {
    String[] rules = RedisAclRules.forUser("synckairos-staging", "clear-password");

    assertThat(rules).startsWith("reset", "on")
        .contains("~synckairos-staging:*", "&synckairos-staging:*", "resetkeys", "resetchannels", "-@dangerous")
        .noneMatch(rule -> rule.contains("clear-password"));
    assertThat(rules[2]).matches("#[0-9a-f]{64}");
  }

  @Test
  void globCharactersInNamesAreEscapedInPatterns() {
    assertThat(RedisAclRules.prefixPattern("a*b")).isEqualTo("a\\*b:*");
    assertThat(RedisAclRules.isSafeName("a*b")).isFalse();
    assertThat(RedisAclRules.isSafeName("synckairos-staging")).isTrue();
  }
}
