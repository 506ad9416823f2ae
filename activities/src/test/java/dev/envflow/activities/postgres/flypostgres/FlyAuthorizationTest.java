package dev.envflow.activities.postgres.flypostgres;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FlyAuthorizationTest {

  @Test
  void macaroonTokensGoAsFlyV1AndOthersAsBearer() {
    assertThat(FlyAuthorization.header("fm2_abc")).isEqualTo("FlyV1 fm2_abc");
    assertThat(FlyAuthorization.header("fm1r_abc")).isEqualTo("FlyV1 fm1r_abc");
    assertThat(FlyAuthorization.header("fm1a_x,fm2_abc")).isEqualTo("FlyV1 fm1a_x,fm2_abc");
    assertThat(FlyAuthorization.header("fo1_abc")).isEqualTo("Bearer fo1_abc");
  }

  @Test
  void aTokenPastedWithItsSchemeIsSentAsItIs() {
    assertThat(FlyAuthorization.header("FlyV1 fm2_abc")).isEqualTo("FlyV1 fm2_abc");
  }

  @Test
  void awsRegionsBecomeTheNearestFlyRegionAndFlyCodesStay() {
    assertThat(FlyRegions.code("us-east-1")).isEqualTo("iad");
    assertThat(FlyRegions.code("aws-eu-central-1")).isEqualTo("fra");
    assertThat(FlyRegions.code("lhr")).isEqualTo("lhr");
  }
}
