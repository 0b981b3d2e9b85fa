package nl.kamerstroom.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RestartPolicyTest {

    private static final Duration CRASHED_AT_ONCE = Duration.ofMillis(300);

    @Test
    void backsOffExponentiallyUpToTheCap() {
        RestartPolicy policy = RestartPolicy.DEFAULT.copy();
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            delays.add(policy.onExit(CRASHED_AT_ONCE).toSeconds());
        }
        assertThat(delays).containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L);
        assertThat(policy.restarts()).isEqualTo(8);
    }

    @Test
    void aProcessThatRanForAMinuteIsRestartedQuicklyAgain() {
        RestartPolicy policy = RestartPolicy.DEFAULT.copy();
        for (int i = 0; i < 6; i++) {
            policy.onExit(CRASHED_AT_ONCE);
        }
        assertThat(policy.onExit(Duration.ofSeconds(59))).as("not stable yet").isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.onExit(Duration.ofMinutes(1))).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.onExit(CRASHED_AT_ONCE)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.restarts()).as("the count in the log keeps counting").isEqualTo(9);
    }

    @Test
    void copiesDoNotShareTheirCount() {
        RestartPolicy a = RestartPolicy.DEFAULT.copy();
        a.onExit(CRASHED_AT_ONCE);
        a.onExit(CRASHED_AT_ONCE);
        assertThat(RestartPolicy.DEFAULT.copy().onExit(CRASHED_AT_ONCE)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void refusesBoundsThatMakeNoSense() {
        assertThatThrownBy(() -> new RestartPolicy(Duration.ZERO, Duration.ofSeconds(1), Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RestartPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
