package nl.kamerstroom.ingest.intake;

/**
 * A property of the letter itself stops it (its event does not fit the topic): trying again
 * cannot help. Uploads answer 413; the watched folder moves the file to {@code failed/} with this reason.
 */
public class LetterRefusedException extends RuntimeException {

    public LetterRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
