package dev.envflow.activities.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envflow.workflows.model.FailureType;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProviderFailuresTest {

  private static final ProviderCall CALL = ProviderCall.of("neon", "create project", "synckairos-staging");

  @Test
  void whatAPersonMustFixFailsAtOnceWithTheProvidersText() {
    ApplicationFailure failure = ProviderFailures.fromResponse(CALL, 422, "{\"code\":\"x\",\"message\":\"region is invalid\"}", null);

    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getType()).isEqualTo(FailureType.REQUEST_REJECTED.name());
    assertThat(failure.getOriginalMessage()).isEqualTo("neon: create project synckairos-staging: HTTP 422: region is invalid");
    assertThat(ProviderFailures.fromResponse(CALL, 401, "", null).getType()).isEqualTo(FailureType.BAD_CREDENTIALS.name());
    assertThat(ProviderFailures.fromResponse(CALL, 402, "", null).getType()).isEqualTo(FailureType.QUOTA.name());
    assertThat(ProviderFailures.fromResponse(CALL, 409, "", null).getType()).isEqualTo(FailureType.CONFLICT.name());
  }

  @Test
  void whatPassesIsRetriedAfterRetryAfter() {
    ApplicationFailure limited = ProviderFailures.fromResponse(CALL, 429, "slow down", "7");
    ApplicationFailure locked = ProviderFailures.fromResponse(CALL, 423, "", null);
    ApplicationFailure down = ProviderFailures.fromResponse(CALL, 503, "", null);

    assertThat(limited.isNonRetryable()).isFalse();
    assertThat(limited.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(7));
    assertThat(locked.isNonRetryable()).isFalse();
    assertThat(down.isNonRetryable()).isFalse();
  }

  @Test
  void aConnectionUrlThatTheProviderEchoesLosesItsPassword() {
    ApplicationFailure failure = ProviderFailures.fromResponse(CALL, 500,
        "{\"message\":\"cannot reach postgresql://neon_owner:npg_s3cret@ep-1.neon.tech/app\"}", null);
    ApplicationFailure reset = ProviderFailures.unreachable(CALL,
        new java.io.IOException("reset talking to redis://default:hunter2@cache:6379"));

    assertThat(failure.getOriginalMessage()).contains("postgresql://neon_owner:***@ep-1.neon.tech/app").doesNotContain("npg_s3cret");
    assertThat(reset.getOriginalMessage()).contains("redis://default:***@cache:6379").doesNotContain("hunter2");
  }
}
