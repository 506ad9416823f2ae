package dev.envflow.worker.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envflow.worker.security.AdminTokenCodecAuthorizer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

class AdminTokenCodecAuthorizerTest {

  @Test
  void acceptsTheConfiguredAdminTokenOnly() {
    AdminTokenCodecAuthorizer authorizer = new AdminTokenCodecAuthorizer(CodecConfiguration.adminTokens(
        new MockEnvironment().withProperty("ENVFLOW_ADMIN_TOKEN", " admin-token "), Path.of("/nonexistent/admin-token")));

    assertThat(authorizer.mayUseCodec("admin-token")).isTrue();
    assertThat(authorizer.mayUseCodec("admin-token2")).isFalse();
    assertThat(authorizer.mayUseCodec("admin")).isFalse();
    assertThat(authorizer.toString()).doesNotContain("admin-token");
  }

  @Test
  void readsTheTokenFileOnEveryRequestSoARewrittenTokenCountsAtOnce(@TempDir Path state) throws Exception {
    Path file = state.resolve("admin-token");
    AdminTokenCodecAuthorizer authorizer = new AdminTokenCodecAuthorizer(
        CodecConfiguration.adminTokens(new MockEnvironment(), file));
    assertThat(authorizer.mayUseCodec("first")).isFalse();

    Files.writeString(file, "first\n");
    assertThat(authorizer.mayUseCodec("first")).isTrue();

    Files.writeString(file, "second\n");
    assertThat(authorizer.mayUseCodec("first")).isFalse();
    assertThat(authorizer.mayUseCodec("second")).isTrue();
  }

  @Test
  void withNoTokenAnywhereNobodyMayUseTheCodec(@TempDir Path state) {
    AdminTokenCodecAuthorizer authorizer = new AdminTokenCodecAuthorizer(CodecConfiguration.adminTokens(
        new MockEnvironment().withProperty("ENVFLOW_ADMIN_TOKEN", ""), state.resolve("admin-token")));

    assertThat(authorizer.mayUseCodec("anything")).isFalse();
    assertThat(authorizer.mayUseCodec(" ")).isFalse();
  }
}
