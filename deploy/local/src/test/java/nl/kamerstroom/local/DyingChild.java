package nl.kamerstroom.local;

/** A child process for the supervisor's test: {@code DyingChild <millis> <exitCode>} runs that long, then exits. */
public final class DyingChild {

    private DyingChild() {
    }

    public static void main(String[] args) throws InterruptedException {
        Thread.sleep(Long.parseLong(args[0]));
        System.exit(Integer.parseInt(args[1]));
    }
}
