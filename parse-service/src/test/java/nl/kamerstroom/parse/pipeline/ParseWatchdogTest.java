package nl.kamerstroom.parse.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import nl.kamerstroom.events.LetterKind;
import nl.kamerstroom.events.ParsedLetter;
import nl.kamerstroom.parse.read.ReadException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ParseWatchdogTest {

    private static final ParsedLetter LETTER = new ParsedLetter(LetterKind.OTHER, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null, null);

    private final AtomicInteger exits = new AtomicInteger();
    private final ParseWatchdog watchdog = new ParseWatchdog(Duration.ofMillis(300), 1, exits::incrementAndGet);
    private final AtomicBoolean stopRunaways = new AtomicBoolean();

    @AfterEach
    void stopRunaways() {
        stopRunaways.set(true);
        watchdog.stop();
    }

    @Test
    void aParseInTimeAnswersItsResultAndItsReadException() throws Exception {
        assertThat(watchdog.parse(() -> LETTER)).isSameAs(LETTER);
        assertThatThrownBy(() -> watchdog.parse(() -> {
            throw ReadException.unreadable("not a readable PDF");
        })).isInstanceOf(ReadException.class).hasMessage("not a readable PDF");
    }

    @Test
    void aSlowParseIsInterruptedAndReportedAsTooLong() {
        CountDownLatch interrupted = new CountDownLatch(1);
        long start = System.nanoTime();
        assertThatThrownBy(() -> watchdog.parse(() -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
            return LETTER;
        })).isInstanceOf(ParseWatchdog.TookTooLong.class).hasMessageContaining("took longer than");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(await(interrupted)).as("the runaway thread was interrupted").isTrue();
        assertThat(exits).hasValue(0);
    }

    @Test
    void runawaysThatIgnoreTheInterruptAreCountedAndTooManyExitTheProcess() {
        assertThatThrownBy(() -> watchdog.parse(this::spinIgnoringInterrupts)).isInstanceOf(ParseWatchdog.TookTooLong.class);
        assertThat(watchdog.abandoned()).isEqualTo(1);
        assertThat(exits).as("one runaway is within the cap of 1").hasValue(0);

        assertThatThrownBy(() -> watchdog.parse(this::spinIgnoringInterrupts)).isInstanceOf(ParseWatchdog.TookTooLong.class);
        assertThat(watchdog.abandoned()).isEqualTo(2);
        assertThat(exits).as("the second runaway crosses the cap").hasValue(1);
    }

    @Test
    void aRunawayThatEndsAfterAllIsNoLongerCounted() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        assertThatThrownBy(() -> watchdog.parse(() -> {
            awaitUninterruptibly(release);
            return LETTER;
        })).isInstanceOf(ParseWatchdog.TookTooLong.class);
        assertThat(watchdog.abandoned()).isEqualTo(1);
        release.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (watchdog.abandoned() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(watchdog.abandoned()).isZero();
        assertThat(watchdog.parse(() -> LETTER)).isSameAs(LETTER);
    }

    @Test
    void anErrorIsNotTurnedIntoAReasonAboutTheLetter() {
        assertThatThrownBy(() -> watchdog.parse(() -> {
            throw new InternalError("the JVM is in trouble");
        })).isExactlyInstanceOf(InternalError.class);
    }

    private ParsedLetter spinIgnoringInterrupts() {
        while (!stopRunaways.get()) {
            Thread.onSpinWait();
        }
        return LETTER;
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        while (true) {
            try {
                latch.await();
                return;
            } catch (InterruptedException ignored) {
                // like the parser: an interrupt does not stop it
            }
        }
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
